<#--
  The switchboard's sheet for one day: self-contained (no external files, no script), readable
  on a phone (the tables become cards on a narrow screen). Every ${...} is HTML-escaped because
  the file name ends in .html.ftl. Model: see se.vaxel.render.SwitchboardSheet.
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
<title>Switchboard sheet, ${orgName}, <@m.writtenDate date/></title>
<style>
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.4}
body{margin:0 auto;max-width:75rem;padding:0 .75rem 2rem}
h1{font-size:1.4rem;margin:1rem 0 .25rem}
h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
nav a{display:inline-block;margin:0 1rem .25rem 0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #8885}
th{position:sticky;top:0;background:Canvas}
td:first-child{font-weight:600}
.num{white-space:nowrap;font-variant-numeric:tabular-nums}
.away{background:#e8a31733}
.none{color:GrayText}
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
<h1>Switchboard sheet, ${orgName}</h1>
<p><time datetime="${date.iso}"><@m.writtenDate date/></time></p>
<nav><a href="#absent">Absent today (${absentToday?size})</a><a href="#upcoming">Upcoming absences (${upcoming?size})</a><a href="#all">All staff (${people?size})</a></nav>
</header>
<main>
<section id="absent">
<h2>Absent today</h2>
<#if absentToday?has_content>
<table>
<thead><tr><th>Name</th><th>Number</th><th>Reason</th><th>Until</th><th>Back</th><th>Refer to</th></tr></thead>
<tbody>
<#list absentToday as p>
<tr><td>${p.name}</td><td class="num" data-label="Number"><@number p/></td><td data-label="Reason">${m.reasonLabel[p.absence.reason]}</td><td data-label="Until"><@until p.absence/></td><td data-label="Back"><time datetime="${p.absence.returnDay.iso}"><@m.writtenDate p.absence.returnDay/></time></td><td data-label="Refer to"><@alternate p.absence/></td></tr>
</#list>
</tbody>
</table>
<#else>
<p class="none">Nobody is absent today.</p>
</#if>
</section>
<section id="upcoming">
<h2>Upcoming absences</h2>
<#if upcoming?has_content>
<table>
<thead><tr><th>Name</th><th>Number</th><th>Reason</th><th>From</th><th>Until</th><th>Refer to</th></tr></thead>
<tbody>
<#list upcoming as u>
<tr><td>${u.person.name}</td><td class="num" data-label="Number"><@number u.person/></td><td data-label="Reason">${m.reasonLabel[u.absence.reason]}</td><td data-label="From"><time datetime="${u.absence.from.iso}"><@m.writtenDate u.absence.from/></time></td><td data-label="Until"><@until u.absence/></td><td data-label="Refer to"><@alternate u.absence/></td></tr>
</#list>
</tbody>
</table>
<#else>
<p class="none">No upcoming absences.</p>
</#if>
</section>
<section id="all">
<h2>All staff</h2>
<table>
<thead><tr><th>Name</th><th>Number</th><th>Answering phrase</th><th>Status</th></tr></thead>
<tbody>
<#list people as p>
<tr<#if p.absence??> class="away"</#if>><td>${p.name}</td><td class="num" data-label="Number"><#if p.extension??>${p.extension}<#elseif p.mobile??>${p.mobile} (mobile)<#else>–</#if></td><td data-label="Answering phrase">${p.answering}</td><td data-label="Status"><#if p.absence??>${m.reasonLabel[p.absence.reason]}, back <@m.writtenDate p.absence.returnDay/>, refer to <@alternate p.absence/><#else>Available</#if></td></tr>
</#list>
</tbody>
</table>
</section>
<#-- Feature codes (docs/phone-codes.md): a block of its own, the same on every sheet. -->
<section id="codes">
<h2>Absence from the phone</h2>
<p>Dial the code from your own extension; calls go to the switchboard while you are away.</p>
<table>
<thead><tr><th>Code</th><th>Means</th></tr></thead>
<tbody>
<tr><td class="num">*23*R*YYMMDD#</td><td>Away until and including that day</td></tr>
<tr><td class="num">*23*R*HHMM#</td><td>Away until that time today</td></tr>
<tr><td class="num">#23#</td><td>Back</td></tr>
<tr><td class="num">*24*EXT*R*YYMMDD#</td><td>Switchboard: sets an absence for someone else</td></tr>
<tr><td class="num">#24*EXT#</td><td>Switchboard: someone else is back</td></tr>
</tbody>
</table>
<p>R: 1 holiday, 2 business trip, 3 training, 4 undisclosed (shown as other), 5 parental leave, 6 meeting, 9 other.</p>
</section>
</main>
</body>
</html>
