<#-- vaxel serve: the switchboard console. The list is drawn by /static/console.js from
  /api/people and kept live by /events; labels reach it through #labels' data attributes.
  Model: user, csrf, orgs, reasons, lang. Ids and data attributes: docs/serve.md. -->
<#import "messages.ftl" as m>
<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard – ${orgs?join(", ")}</title>
<link rel="stylesheet" href="/static/vaxel.css">
<script src="/static/console.js" defer></script>
</head>
<body class="console" data-csrf="${csrf}">
<header>
<h1>Switchboard <small>${orgs?join(", ")}</small></h1>
<form id="logout" method="post" action="/logout"><input type="hidden" name="csrf" value="${csrf}"><span id="user">${user}</span> <button type="submit">Log out</button></form>
</header>
<div id="ami-banner" class="banner" role="alert" hidden>No connection to the PBX (AMI). What is shown is not current; vaxel keeps trying.</div>
<div id="labels" hidden
  data-away="Away" data-until="until" data-through="through" data-back="back" data-covers="Calls go to" data-switchboard="the switchboard"
  data-set-by="registered by" data-set="Register absence" data-change="Change" data-clear="Back (clear absence)" data-coming="Coming absence"
  data-shown="shown" data-of="of" data-none="No match" data-mobile="mobile"
  data-state-idle="free" data-state-ringing="ringing" data-state-inuse="in use" data-state-unavailable="unreachable" data-state-unknown="unknown"
  data-also-away="also away" data-no-extension="no extension" data-source-staff="planned" data-loading="Loading …"
  <#list reasons as r>data-reason-${r}="${m.reasonLabel[r]}" </#list>></div>
<div class="tools">
<label for="search" class="visually-hidden">Search</label>
<input id="search" type="search" placeholder="Search name, unit, title or number" autocomplete="off" autofocus>
<div id="views" role="group" aria-label="Show">
<button id="view-all" type="button" aria-pressed="true">All</button>
<button id="view-away" type="button" aria-pressed="false">Away today</button>
<button id="view-coming" type="button" aria-pressed="false">Coming</button>
</div>
<p id="count" aria-live="polite"></p>
</div>
<ul id="people" class="people" aria-label="People"></ul>
<dialog id="absence-dialog">
<form id="absence-form" method="dialog">
<h2 id="absence-title">Register absence</h2>
<p id="absence-name"></p>
<input type="hidden" id="absence-person" name="person">
<label for="absence-from">From</label>
<input id="absence-from" name="from" type="datetime-local">
<label for="absence-until">Until</label>
<input id="absence-until" name="until" type="datetime-local" required>
<label for="absence-reason">Reason</label>
<select id="absence-reason" name="reason"><#list reasons as r><option value="${r}">${m.reasonLabel[r]}</option></#list></select>
<label for="absence-alternate">Alternate</label>
<input id="absence-alternate" name="alternate" list="alternate-list" autocomplete="off" placeholder="Name or extension; empty = the switchboard">
<datalist id="alternate-list"></datalist>
<p id="absence-error" class="error" role="alert" hidden></p>
<div class="buttons">
<button id="absence-save" type="submit" value="save">Save</button>
<button id="absence-clear" type="button">Back (clear absence)</button>
<button id="absence-cancel" type="button">Cancel</button>
</div>
</form>
</dialog>
</body>
</html>
