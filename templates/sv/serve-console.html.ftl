<#-- vaxel serve: the switchboard console. The list is drawn by /static/console.js from
  /api/people and kept live by /events; labels reach it through #labels' data attributes.
  Model: user, csrf, orgs, reasons, lang. Ids and data attributes: docs/serve.md. -->
<#import "messages.ftl" as m>
<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Växeln – ${orgs?join(", ")}</title>
<link rel="stylesheet" href="/static/vaxel.css">
<script src="/static/console.js" defer></script>
</head>
<body class="console" data-csrf="${csrf}">
<header>
<h1>Växeln <small>${orgs?join(", ")}</small></h1>
<form id="logout" method="post" action="/logout"><input type="hidden" name="csrf" value="${csrf}"><span id="user">${user}</span> <button type="submit">Logga ut</button></form>
</header>
<div id="ami-banner" class="banner" role="alert" hidden>Ingen kontakt med växeln (AMI). Det som visas är inte aktuellt; vaxel försöker igen.</div>
<div id="labels" hidden
  data-away="Borta" data-until="till" data-through="t.o.m." data-back="åter" data-covers="Samtalen till" data-switchboard="växeln"
  data-set-by="registrerad av" data-set="Registrera frånvaro" data-change="Ändra" data-clear="Åter (ta bort frånvaro)" data-coming="Kommande frånvaro"
  data-shown="visas" data-of="av" data-none="Ingen träff" data-mobile="mobil"
  data-state-idle="ledig" data-state-ringing="ringer" data-state-inuse="i samtal" data-state-unavailable="ej nåbar" data-state-unknown="okänt"
  data-also-away="också borta" data-no-extension="ingen anknytning" data-source-staff="planerad" data-loading="Hämtar …"
  <#list reasons as r>data-reason-${r}="${m.reasonLabel[r]}" </#list>></div>
<div class="tools">
<label for="search" class="visually-hidden">Sök</label>
<input id="search" type="search" placeholder="Sök namn, enhet, titel eller nummer" autocomplete="off" autofocus>
<div id="views" role="group" aria-label="Visa">
<button id="view-all" type="button" aria-pressed="true">Alla</button>
<button id="view-away" type="button" aria-pressed="false">Borta i dag</button>
<button id="view-coming" type="button" aria-pressed="false">Kommande</button>
</div>
<p id="count" aria-live="polite"></p>
</div>
<ul id="people" class="people" aria-label="Personer"></ul>
<dialog id="absence-dialog">
<form id="absence-form" method="dialog">
<h2 id="absence-title">Registrera frånvaro</h2>
<p id="absence-name"></p>
<input type="hidden" id="absence-person" name="person">
<label for="absence-from">Från</label>
<input id="absence-from" name="from" type="datetime-local">
<label for="absence-until">Till och med</label>
<input id="absence-until" name="until" type="datetime-local" required>
<label for="absence-reason">Orsak</label>
<select id="absence-reason" name="reason"><#list reasons as r><option value="${r}">${m.reasonLabel[r]}</option></#list></select>
<label for="absence-alternate">Ersättare</label>
<input id="absence-alternate" name="alternate" list="alternate-list" autocomplete="off" placeholder="Namn eller anknytning; tomt = växeln">
<datalist id="alternate-list"></datalist>
<p id="absence-error" class="error" role="alert" hidden></p>
<div class="buttons">
<button id="absence-save" type="submit" value="save">Spara</button>
<button id="absence-clear" type="button">Åter (ta bort frånvaro)</button>
<button id="absence-cancel" type="button">Avbryt</button>
</div>
</form>
</dialog>
</body>
</html>
