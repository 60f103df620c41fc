<#--
  The switchboard's sheet for one day: self-contained (no external files, no script), readable
  on a phone (the tables become cards on a narrow screen). Every ${...} is HTML-escaped because
  the file name ends in .html.ftl. Model: see se.vaxel.render.SwitchboardSheet.
-->
<#import "messages.ftl" as m>
<#macro number p><#if p.extension??>${p.extension}<#elseif p.mobile??>${p.mobile} (mobil)<#else>–</#if></#macro>
<#macro until a><@m.writtenDate a.until/><#if a.untilTime??>, till kl. <@m.clock a.untilTime/></#if></#macro>
<#macro alternate a><#if a.alternate??><#switch a.alternate.why><#case "no-extension">${a.alternate.name}<#if a.alternate.phone??>, ${a.alternate.phone}</#if> – ingen anknytning, samtalen går till växeln<#break><#case "contact-away">växeln – ${a.alternate.name} är också borta<#break><#default>${a.alternate.name}<#if a.alternate.extension??>, ${a.alternate.extension}<#elseif a.alternate.mobile??>, ${a.alternate.mobile}</#if></#switch><#else>växeln</#if></#macro>
<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Växellista ${orgName}, <@m.writtenDate date/></title>
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
<h1>Växellista ${orgName}</h1>
<p><time datetime="${date.iso}"><@m.writtenDate date/></time></p>
<nav><a href="#franvarande">Frånvarande i dag (${absentToday?size})</a><a href="#kommande">Kommande frånvaro (${upcoming?size})</a><a href="#alla">Alla medarbetare (${people?size})</a></nav>
</header>
<main>
<section id="franvarande">
<h2>Frånvarande i dag</h2>
<#if absentToday?has_content>
<table>
<thead><tr><th>Namn</th><th>Nummer</th><th>Orsak</th><th>Till och med</th><th>Åter</th><th>Hänvisas till</th></tr></thead>
<tbody>
<#list absentToday as p>
<tr><td>${p.name}</td><td class="num" data-label="Nummer"><@number p/></td><td data-label="Orsak">${m.reasonLabel[p.absence.reason]}</td><td data-label="Till och med"><@until p.absence/></td><td data-label="Åter"><time datetime="${p.absence.returnDay.iso}"><@m.writtenDate p.absence.returnDay/></time></td><td data-label="Hänvisas till"><@alternate p.absence/></td></tr>
</#list>
</tbody>
</table>
<#else>
<p class="none">Ingen är frånvarande i dag.</p>
</#if>
</section>
<section id="kommande">
<h2>Kommande frånvaro</h2>
<#if upcoming?has_content>
<table>
<thead><tr><th>Namn</th><th>Nummer</th><th>Orsak</th><th>Från och med</th><th>Till och med</th><th>Hänvisas till</th></tr></thead>
<tbody>
<#list upcoming as u>
<tr><td>${u.person.name}</td><td class="num" data-label="Nummer"><@number u.person/></td><td data-label="Orsak">${m.reasonLabel[u.absence.reason]}</td><td data-label="Från och med"><time datetime="${u.absence.from.iso}"><@m.writtenDate u.absence.from/></time></td><td data-label="Till och med"><@until u.absence/></td><td data-label="Hänvisas till"><@alternate u.absence/></td></tr>
</#list>
</tbody>
</table>
<#else>
<p class="none">Ingen kommande frånvaro.</p>
</#if>
</section>
<section id="alla">
<h2>Alla medarbetare</h2>
<table>
<thead><tr><th>Namn</th><th>Nummer</th><th>Svarsfras</th><th>Status</th></tr></thead>
<tbody>
<#list people as p>
<tr<#if p.absence??> class="away"</#if>><td>${p.name}</td><td class="num" data-label="Nummer"><#if p.extension??>${p.extension}<#elseif p.mobile??>${p.mobile} (mobil)<#else>–</#if></td><td data-label="Svarsfras">${p.answering}</td><td data-label="Status"><#if p.absence??>${m.reasonLabel[p.absence.reason]}, åter <@m.writtenDate p.absence.returnDay/>, hänvisas till <@alternate p.absence/><#else>På plats</#if></td></tr>
</#list>
</tbody>
</table>
</section>
<#-- Feature codes (docs/phone-codes.md): a block of its own, the same on every sheet. -->
<section id="koder">
<h2>Frånvaro från telefonen</h2>
<p>Slå koden från din egen anknytning; samtalen går till växeln så länge du är borta.</p>
<table>
<thead><tr><th>Kod</th><th>Betyder</th></tr></thead>
<tbody>
<tr><td class="num">*23*R*ÅÅMMDD#</td><td>Borta till och med den dagen</td></tr>
<tr><td class="num">*23*R*TTMM#</td><td>Borta till den tiden i dag</td></tr>
<tr><td class="num">#23#</td><td>Tillbaka</td></tr>
<tr><td class="num">*24*ANKN*R*ÅÅMMDD#</td><td>Växeln: sätter frånvaro för någon annan</td></tr>
<tr><td class="num">#24*ANKN#</td><td>Växeln: någon annan är tillbaka</td></tr>
</tbody>
</table>
<p>R: 1 semester, 2 tjänsteresa, 3 utbildning, 4 ej utlämnad orsak (visas som annat), 5 föräldraledig, 6 möte, 9 annat.</p>
</section>
</main>
</body>
</html>
