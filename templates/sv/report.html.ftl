<#--
  The HTML page of vaxel check --format html (Swedish): self-contained (no scripts, fonts or
  images to fetch), readable on a phone (the rules table becomes cards on a narrow screen).
  Every ${...} is HTML-escaped because the file name ends in .html.ftl. Times are the
  organisation's local time. Model: see se.vaxel.report.HtmlFormatter. The findings' own
  messages and the rules' descriptions come from vaxel in English.
-->
<#import "messages.ftl" as m>
<#assign sevLabel = {"error": "fel", "warning": "varning"}>
<#function n count one many><#return count?c + " " + (count == 1)?then(one, many)></#function>
<#macro show_time t><time datetime="${t.iso}"><@m.writtenDate t.date/> kl. <@m.clock t.clock/> (${t.zone})</time></#macro>
<#macro show_counts s>${n(s.errors, "fel", "fel")}, ${n(s.warnings, "varning", "varningar")}<#if s.peopleWithFindings gt 0 || s.pbxFindings> hos <#if s.peopleWithFindings gt 0>${n(s.peopleWithFindings, "person", "personer")}<#if s.pbxFindings> och </#if></#if><#if s.pbxFindings>växeln</#if></#if></#macro>
<#macro show_item f><li class="${f.severity}"><span class="sev">${sevLabel[f.severity]!f.severity}</span> <a href="#${f.anchor}">${f.rule}</a> <#if f.where??>${f.where}: </#if>${f.message}<#if f.isNew> <span class="new">ny</span></#if></li>
</#macro>
<#macro show_count label value><div><dt>${label}</dt><dd>${value}</dd></div>
</#macro>
<#macro show_summary s id>
<section id="${id}">
<#if s.compliant>
<p class="status ok">Uppfyller reglerna: ${n(s.people, "person", "personer")}, inga avvikelser</p>
<#else>
<p class="status bad">Uppfyller inte reglerna: <#if s.findings == 0>kontrollen blev inte fullständig<#else><@show_counts s/></#if></p>
</#if>
<#if s.incomplete?has_content>
<div class="incomplete" role="alert">
<p><strong>Kontrollen blev inte fullständig.</strong> Detta kunde inte kontrolleras, så rapporten kan inte säga att växeln uppfyller reglerna:</p>
<ul>
<#list s.incomplete as i>
<li>${i}</li>
</#list>
</ul>
</div>
</#if>
<dl class="counts">
<@show_count "Fel" s.errors/>
<@show_count "Varningar" s.warnings/>
<@show_count "Kontrollerade personer" s.people/>
<@show_count "Personer med avvikelser" s.peopleWithFindings/>
<#if s.platform>
<@show_count "Organisationer" s.organisations/>
<@show_count "Organisationer som inte uppfyller reglerna" s.organisationsNotCompliant/>
</#if>
<#if s.since??>
<div><dt>Nya sedan <@show_time s.since/></dt><dd>${s.newFindings}</dd></div>
<@show_count "Åtgärdade sedan dess" s.resolvedCount/>
</#if>
</dl>
</section>
</#macro>
<#macro show_findings groups id h2 h3>
<#if groups?has_content>
<section id="${id}">
<${h2}>Avvikelser</${h2}>
<#list groups as g>
<article>
<${h3}><#switch g.kind><#case "pbx">Växeln som helhet<#break><#case "orphans">Ingen i staff.yaml<#break><#default><#if g.name??>${g.name} <span class="id">${g.staffId}<#if g.extension??> · ankn. ${g.extension}</#if></span><#else>${g.staffId}<#if g.extension??> · ankn. ${g.extension}</#if></#if></#switch></${h3}>
<ul class="findings">
<#list g.findings as f>
<#if f.where??><@show_item f + {"where": "ankn. " + f.where}/><#else><@show_item f/></#if>
</#list>
</ul>
</article>
</#list>
</section>
</#if>
</#macro>
<#macro show_resolved list id h2 since>
<#if list?has_content>
<section id="${id}">
<${h2}>Åtgärdade sedan <@show_time since/></${h2}>
<ul class="findings">
<#list list as f>
<@show_item f/>
</#list>
</ul>
</section>
</#if>
</#macro>
<#assign where = pbx + organisation???then(", " + (organisation.name!"") + " (" + (organisation.id!"") + ")", "")>
<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vaxel-kontroll av ${where}: <#if summary.compliant>uppfyller reglerna<#else>uppfyller inte reglerna</#if></title>
<style>
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.4}
body{margin:0 auto;max-width:60rem;padding:0 .75rem 2rem;overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:1rem 0 .25rem}
h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
h3{font-size:1rem;margin:1.25rem 0 .25rem}
.status{font-size:1.15rem;font-weight:700;padding:.5rem .75rem;border-radius:.4rem}
.ok{background:#2e7d3233}
.bad{background:#c6282833}
.incomplete{background:#e8a31733;padding:.1rem .75rem;border-radius:.4rem}
.counts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.75rem 0}
.counts div{min-width:7rem}
dt{font-size:.85rem;opacity:.75}
dd{margin:0;font-size:1.3rem;font-variant-numeric:tabular-nums}
.findings{list-style:none;padding:0;margin:0}
.findings li{padding:.3rem 0;border-bottom:1px solid #8885}
.sev{display:inline-block;min-width:4.5rem;font-weight:600}
.error .sev{color:#d32f2f}
.warning .sev{color:#b26a00}
.new{font-size:.8rem;font-weight:600;padding:0 .3rem;border:1px solid;border-radius:.3rem}
.id{font-weight:400;opacity:.75}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #8885}
td:first-child{font-weight:600}
.num{font-variant-numeric:tabular-nums}
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
<h1>vaxel-kontroll av ${where}</h1>
<p>Kontrollerad <@show_time checkedAt/></p>
</header>
<main>
<@show_summary summary "summary"/>
<#if organisations?has_content>
<#list organisations as o>
<section id="${o.anchor}">
<h2>${o.name} <span class="id">${o.id}</span></h2>
<@show_summary o.summary o.anchor + "-summary"/>
<@show_findings o.groups o.anchor + "-findings" "h3" "h4"/>
<#if o.summary.since??><@show_resolved o.resolved o.anchor + "-resolved" "h3" o.summary.since/></#if>
</section>
</#list>
<#else>
<@show_findings groups "findings" "h2" "h3"/>
<#if summary.since??><@show_resolved resolved "resolved" "h2" summary.since/></#if>
</#if>
<section id="rules">
<h2>Regler</h2>
<table>
<thead><tr><th>Regel</th><th>Allvar</th><th>Avvikelser</th><th>Vad den kontrollerar</th></tr></thead>
<tbody>
<#list rules as r>
<tr id="${r.anchor}"><td>${r.id}</td><td data-label="Allvar">${sevLabel[r.severity]!r.severity}</td><td class="num" data-label="Avvikelser">${r.count}</td><td data-label="Vad den kontrollerar">${r.description}</td></tr>
</#list>
</tbody>
</table>
</section>
</main>
</body>
</html>
