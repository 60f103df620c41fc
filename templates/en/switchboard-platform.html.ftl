<#--
  The switchboard's sheet of a whole platform for one day: every organisation, grouped, with a
  filter by organisation and a search box. Self-contained: a few lines of inline script and no
  outside files. Without script every row shows and the filter stays hidden. The script reads
  only the page's text (textContent), never HTML, and takes no value from the model, so a name
  with <, & or quotes is escaped once, here, like every ${...} (the file name ends in .html.ftl).
  Model: see se.vaxel.render.SwitchboardSheet#render(Platform, LocalDate).
-->
<#import "messages.ftl" as m>
<#macro number p><#if p.extension??>${p.extension}<#elseif p.mobile??>${p.mobile} (mobile)<#else>–</#if></#macro>
<#macro until a><@m.writtenDate a.until/><#if a.untilTime??>, until <@m.clock a.untilTime/></#if></#macro>
<#macro alternate a><#if a.alternate??><#switch a.alternate.why><#case "no-extension">${a.alternate.name}<#if a.alternate.phone??>, ${a.alternate.phone}</#if> – no extension, calls come to the switchboard<#break><#case "contact-away">the switchboard – ${a.alternate.name} is away too<#break><#default>${a.alternate.name}<#if a.alternate.extension??>, ${a.alternate.extension}<#elseif a.alternate.mobile??>, ${a.alternate.mobile}</#if></#switch><#else>the switchboard</#if></#macro>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard sheet, ${platformName}, <@m.writtenDate date/></title>
<style>
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.4}
body{margin:0 auto;max-width:75rem;padding:0 .75rem 2rem}
h1{font-size:1.4rem;margin:1rem 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .25rem;border-bottom:2px solid #8887}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
nav a{display:inline-block;margin:0 1rem .25rem 0}
form{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.75rem 0}
input,select{font:inherit;padding:.2rem .4rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #8885}
th{position:sticky;top:0;background:Canvas}
td:first-child{font-weight:600}
.num{white-space:nowrap;font-variant-numeric:tabular-nums}
.away{background:#e8a31733}
.none{color:GrayText}
[hidden]{display:none!important}
@media (max-width:40rem){
thead{display:none}
table,tbody,tr,td{display:block}
tr{border:1px solid #8887;border-radius:.4rem;margin:.5rem 0;padding:.3rem 0}
td{border:0;padding:.1rem .6rem}
td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
}
</style>
</head>
<body>
<header>
<h1>Switchboard sheet, ${platformName}</h1>
<p><time datetime="${date.iso}"><@m.writtenDate date/></time>, ${people} people in ${organisations?size} organisations</p>
<nav><#list organisations as o><a href="#org-${o.id}">${o.name}</a></#list></nav>
<form id="filter" role="search" hidden>
<label>Organisation <select id="filter-org"><option value="">All</option><#list organisations as o><option value="${o.id}">${o.name}</option></#list></select></label>
<label>Search <input id="filter-text" type="search" autocomplete="off" placeholder="name, number, phrase"></label>
</form>
</header>
<main>
<#list organisations as o>
<section id="org-${o.id}" data-org="${o.id}">
<h2>${o.name} <span class="num">(switchboard ${o.switchboard})</span></h2>
<h3>Absent today</h3>
<#if o.absentToday?has_content>
<table>
<thead><tr><th>Name</th><th>Number</th><th>Reason</th><th>Until</th><th>Back</th><th>Refer to</th></tr></thead>
<tbody>
<#list o.absentToday as p>
<tr><td>${p.name}</td><td class="num" data-label="Number"><@number p/></td><td data-label="Reason">${m.reasonLabel[p.absence.reason]}</td><td data-label="Until"><@until p.absence/></td><td data-label="Back"><time datetime="${p.absence.returnDay.iso}"><@m.writtenDate p.absence.returnDay/></time></td><td data-label="Refer to"><@alternate p.absence/></td></tr>
</#list>
</tbody>
</table>
<#else>
<p class="none">Nobody is absent today.</p>
</#if>
<h3>Upcoming absences</h3>
<#if o.upcoming?has_content>
<table>
<thead><tr><th>Name</th><th>Number</th><th>Reason</th><th>From</th><th>Until</th><th>Refer to</th></tr></thead>
<tbody>
<#list o.upcoming as u>
<tr><td>${u.person.name}</td><td class="num" data-label="Number"><@number u.person/></td><td data-label="Reason">${m.reasonLabel[u.absence.reason]}</td><td data-label="From"><time datetime="${u.absence.from.iso}"><@m.writtenDate u.absence.from/></time></td><td data-label="Until"><@until u.absence/></td><td data-label="Refer to"><@alternate u.absence/></td></tr>
</#list>
</tbody>
</table>
<#else>
<p class="none">No upcoming absences.</p>
</#if>
<h3>All staff (${o.people?size})</h3>
<table>
<thead><tr><th>Name</th><th>Number</th><th>Answering phrase</th><th>Status</th></tr></thead>
<tbody>
<#list o.people as p>
<tr<#if p.absence??> class="away"</#if>><td>${p.name}</td><td class="num" data-label="Number"><@number p/></td><td data-label="Answering phrase">${p.answering}</td><td data-label="Status"><#if p.absence??>${m.reasonLabel[p.absence.reason]}, back <@m.writtenDate p.absence.returnDay/>, refer to <@alternate p.absence/><#else>Available</#if></td></tr>
</#list>
</tbody>
</table>
</section>
</#list>
</main>
<script>
(function () {
  var form = document.getElementById("filter"), org = document.getElementById("filter-org"),
      text = document.getElementById("filter-text");
  function apply() {
    var o = org.value, t = text.value.trim().toLowerCase();
    document.querySelectorAll("section[data-org]").forEach(function (s) {
      s.hidden = o !== "" && s.getAttribute("data-org") !== o;
      s.querySelectorAll("tbody tr").forEach(function (r) {
        r.hidden = t !== "" && r.textContent.toLowerCase().indexOf(t) < 0;
      });
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  org.addEventListener("change", apply);
  text.addEventListener("input", apply);
  form.hidden = false;
})();
</script>
</body>
</html>
