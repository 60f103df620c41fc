<#--
  E3 out-of-office reply in the policy's wording: the return date, one of the options A to D,
  and who to contact. Model: returnDate ("26-08-10"), returnDay (date map), mail, mailPerson,
  orgGenitive, functionalMailbox, switchboardPhone, contacts (list of maps: switchboard
  (boolean), name, phone, email, week); see se.vaxel.render.Texts#autoReply.
-->
<#macro contact c>
<#if c.week??>v. ${c.week} </#if><#if c.switchboard>Växeln<#if switchboardPhone??>, ${switchboardPhone}</#if><#else>${c.name}<#if c.phone??>, ${c.phone}<#elseif switchboardPhone??>, växeln ${switchboardPhone}</#if><#if c.email??>, ${c.email}</#if></#if>
</#macro>
Jag är inte på kontoret och väntas åter ${returnDate}
<#switch mail>
<#case "checked-by">
Min e-postlåda kontrolleras av ${mailPerson}
<#break>
<#case "functional-mailbox">
Din e-post vidarebefordras till ${orgGenitive} myndighetsbrevlåda
<#break>
<#case "forwarded">
Din e-post vidarebefordras till ${mailPerson}
<#break>
<#case "reads-own">
Jag kontrollerar min e-post under min ledighet
<#break>
<#default>
<#stop "unknown mail option: " + mail>
</#switch>
Vid angelägna ärenden kan du kontakta:
<#list contacts as c>
<@contact c/>
</#list>
