<#-- vaxel serve: one person's own page ("my page"). Plain forms, so it works without
  script; /static/person.js only adds the copy buttons. Model: see se.vaxel.web.WebServer
  personPage. Ids: docs/serve.md. -->
<#import "messages.ftl" as m>
<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} – My page</title>
<link rel="stylesheet" href="/static/vaxel.css">
<script src="/static/person.js" defer></script>
</head>
<body class="person-page" data-person="${key}">
<header>
<h1 id="me-name">${name} <small>${org}<#if ext??>, extension ${ext}</#if></small></h1>
<form id="logout" method="post" action="/logout"><input type="hidden" name="csrf" value="${csrf}"><#if switchboard><a id="to-console" href="/console">Switchboard console</a> </#if><span id="user">${user}</span> <button type="submit">Log out</button></form>
</header>
<#if problems?has_content>
<div id="me-problems" class="error" role="alert"><ul><#list problems as p><li>${p}</li></#list></ul></div>
</#if>
<section id="absence-section">
<h2>Absence</h2>
<#if away??>
<p id="my-absence" class="away" data-until="${away.until}">You are registered as away <#if away.reason??>(${m.reasonLabel[away.reason]}) </#if><#if away.lastDay??>through ${away.lastDay}<#else>until ${away.until?replace("T", " ")}</#if><#if away.back??>, back ${away.back}</#if>.
<#if away.cover.name??>Calls go to ${away.cover.name}<#if away.cover.ext??> (${away.cover.ext})</#if>.<#else>Calls go to the switchboard.</#if>
<#if away.setBy?? && away.setBy?has_content> Registered by ${away.setBy}.</#if></p>
<#if away.source == "live">
<form id="clear-form" method="post" action="/api/absence/clear"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="person" value="${key}"><button id="me-clear" type="submit">I am back</button></form>
</#if>
<#else>
<p id="my-absence" class="present">You are not registered as away now.</p>
</#if>
<#if next??><p id="my-next">Coming absence: ${next.from?replace("T", " ")} – ${next.until?replace("T", " ")}</p></#if>
<#if !live><p id="ami-banner" class="banner" role="alert">No connection to the PBX just now; absences cannot be registered. Try again in a while.</p></#if>
<form id="absence-form-me" method="post" action="/api/absence">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="person" value="${key}">
<label for="me-from">From</label>
<input id="me-from" name="from" type="datetime-local">
<label for="me-until">Until (last day)</label>
<input id="me-until" name="until" type="date" required>
<label for="me-reason">Reason</label>
<select id="me-reason" name="reason"><#list reasons as r><option value="${r}">${m.reasonLabel[r]}</option></#list></select>
<label for="me-alternate">Alternate (id)</label>
<input id="me-alternate" name="alternate" list="me-colleagues" autocomplete="off" placeholder="Empty = the switchboard">
<datalist id="me-colleagues"><#list colleagues as c><option value="${c.id}">${c.name}</option></#list></datalist>
<button id="me-save" type="submit">Tell the switchboard</button>
</form>
</section>
<section id="texts">
<h2>Your texts</h2>
<h3>How you answer the phone (T1)</h3>
<pre id="text-answering" class="text">${texts.answering!""}</pre>
<#if texts.greeting??>
<h3>Voicemail greeting: record it (T2)</h3>
<pre id="text-greeting" class="text">${texts.greeting}</pre>
</#if>
<h3>E-mail signature (E2)</h3>
<pre id="text-signature" class="text">${texts.signature!""}</pre>
<button id="copy-signature" type="button" data-copy="text-signature" hidden>Copy</button>
<#if texts.autoReply??>
<h3>Out-of-office reply (E3)</h3>
<pre id="text-auto-reply" class="text">${texts.autoReply}</pre>
<button id="copy-auto-reply" type="button" data-copy="text-auto-reply" hidden>Copy</button>
</#if>
<#if texts.absenceGreeting??>
<h3>Greeting during the absence</h3>
<pre id="text-absence-greeting" class="text">${texts.absenceGreeting}</pre>
</#if>
</section>
<section id="check-status">
<h2>Last check</h2>
<#if check??>
<p id="check-time" data-checked-at="${check.checkedAt}">The PBX was checked at ${check.checkedAt}.</p>
<#if ext??>
<p id="check-greeting" data-recorded="${(!check.greetingMissing)?c}"><#if check.greetingMissing>No greeting is recorded in your voicemail.<#else>Your greeting is recorded.</#if></p>
</#if>
<#if check.findings?has_content>
<ul id="check-findings"><#list check.findings as f><li data-rule="${f.rule}">${f.message}</li></#list></ul>
<#else>
<p id="check-findings-none">Nothing to remark for you.</p>
</#if>
<#if check.incomplete?has_content><p id="check-incomplete">Could not be checked: ${check.incomplete?join("; ")}</p></#if>
<#else>
<p id="check-none">Not checked yet.</p>
</#if>
</section>
</body>
</html>
