<#-- vaxel serve: one person's own page ("my page"). Plain forms, so it works without
  script; /static/person.js only adds the copy buttons. Model: see se.vaxel.web.WebServer
  personPage. Ids: docs/serve.md. -->
<#import "messages.ftl" as m>
<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} – Min sida</title>
<link rel="stylesheet" href="/static/vaxel.css">
<script src="/static/person.js" defer></script>
</head>
<body class="person-page" data-person="${key}">
<header>
<h1 id="me-name">${name} <small>${org}<#if ext??>, anknytning ${ext}</#if></small></h1>
<form id="logout" method="post" action="/logout"><input type="hidden" name="csrf" value="${csrf}"><#if switchboard><a id="to-console" href="/console">Växelns vy</a> </#if><span id="user">${user}</span> <button type="submit">Logga ut</button></form>
</header>
<#if problems?has_content>
<div id="me-problems" class="error" role="alert"><ul><#list problems as p><li>${p}</li></#list></ul></div>
</#if>
<section id="absence-section">
<h2>Frånvaro</h2>
<#if away??>
<p id="my-absence" class="away" data-until="${away.until}">Du är registrerad som borta <#if away.reason??>(${m.reasonLabel[away.reason]}) </#if><#if away.lastDay??>t.o.m. ${away.lastDay}<#else>till ${away.until?replace("T", " ")}</#if><#if away.back??>, åter ${away.back}</#if>.
<#if away.cover.name??>Samtalen går till ${away.cover.name}<#if away.cover.ext??> (${away.cover.ext})</#if>.<#else>Samtalen går till växeln.</#if>
<#if away.setBy?? && away.setBy?has_content> Registrerad av ${away.setBy}.</#if></p>
<#if away.source == "live">
<form id="clear-form" method="post" action="/api/absence/clear"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="person" value="${key}"><button id="me-clear" type="submit">Jag är tillbaka</button></form>
</#if>
<#else>
<p id="my-absence" class="present">Du är inte registrerad som borta just nu.</p>
</#if>
<#if next??><p id="my-next">Kommande frånvaro: ${next.from?replace("T", " ")} – ${next.until?replace("T", " ")}</p></#if>
<#if !live><p id="ami-banner" class="banner" role="alert">Ingen kontakt med växeln just nu; frånvaro kan inte registreras. Försök igen om en stund.</p></#if>
<form id="absence-form-me" method="post" action="/api/absence">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="person" value="${key}">
<label for="me-from">Från</label>
<input id="me-from" name="from" type="datetime-local">
<label for="me-until">Till och med</label>
<input id="me-until" name="until" type="date" required>
<label for="me-reason">Orsak</label>
<select id="me-reason" name="reason"><#list reasons as r><option value="${r}">${m.reasonLabel[r]}</option></#list></select>
<label for="me-alternate">Ersättare (id)</label>
<input id="me-alternate" name="alternate" list="me-colleagues" autocomplete="off" placeholder="Tomt = växeln">
<datalist id="me-colleagues"><#list colleagues as c><option value="${c.id}">${c.name}</option></#list></datalist>
<button id="me-save" type="submit">Meddela växeln</button>
</form>
</section>
<section id="texts">
<h2>Dina texter</h2>
<h3>Så svarar du i telefon (T1)</h3>
<pre id="text-answering" class="text">${texts.answering!""}</pre>
<#if texts.greeting??>
<h3>Röstbrevlådans hälsning: läs in den (T2)</h3>
<pre id="text-greeting" class="text">${texts.greeting}</pre>
</#if>
<h3>E-postsignatur (E2)</h3>
<pre id="text-signature" class="text">${texts.signature!""}</pre>
<button id="copy-signature" type="button" data-copy="text-signature" hidden>Kopiera</button>
<#if texts.autoReply??>
<h3>Frånvaromeddelande i e-post (E3)</h3>
<pre id="text-auto-reply" class="text">${texts.autoReply}</pre>
<button id="copy-auto-reply" type="button" data-copy="text-auto-reply" hidden>Kopiera</button>
</#if>
<#if texts.absenceGreeting??>
<h3>Hälsning under frånvaron</h3>
<pre id="text-absence-greeting" class="text">${texts.absenceGreeting}</pre>
</#if>
</section>
<section id="check-status">
<h2>Senaste kontrollen</h2>
<#if check??>
<p id="check-time" data-checked-at="${check.checkedAt}">Växeln kontrollerades ${check.checkedAt}.</p>
<#if ext??>
<p id="check-greeting" data-recorded="${(!check.greetingMissing)?c}"><#if check.greetingMissing>Ingen hälsning är inläst i din röstbrevlåda.<#else>Din hälsning är inläst.</#if></p>
</#if>
<#if check.findings?has_content>
<ul id="check-findings"><#list check.findings as f><li data-rule="${f.rule}">${f.message}</li></#list></ul>
<#else>
<p id="check-findings-none">Inga anmärkningar för dig.</p>
</#if>
<#if check.incomplete?has_content><p id="check-incomplete">Kunde inte kontrolleras: ${check.incomplete?join("; ")}</p></#if>
<#else>
<p id="check-none">Inte kontrollerat än.</p>
</#if>
</section>
</body>
</html>
