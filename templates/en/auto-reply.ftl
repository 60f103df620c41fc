<#--
  E3 out-of-office reply, following the policy's Swedish lines. The return date is written
  2026-08-10 rather than the policy's 26-08-10, which readers abroad cannot parse reliably.
  Model: returnDate ("26-08-10"), returnDay (date map), mail, mailPerson, orgName,
  functionalMailbox, switchboardPhone, contacts (list of maps: switchboard (boolean), name, phone,
  email, week); see se.vaxel.render.Texts#autoReply.
-->
<#macro contact c>
<#if c.week??>Week ${c.week} </#if><#if c.switchboard>Switchboard<#if switchboardPhone??>, ${switchboardPhone}</#if><#else>${c.name}<#if c.phone??>, ${c.phone}<#elseif switchboardPhone??>, switchboard ${switchboardPhone}</#if><#if c.email??>, ${c.email}</#if></#if>
</#macro>
I am out of the office and expected back on ${returnDay.iso}
<#switch mail>
<#case "checked-by">
My mailbox is checked by ${mailPerson}
<#break>
<#case "functional-mailbox">
Your e-mail is forwarded to the functional mailbox of ${orgName}
<#break>
<#case "forwarded">
Your e-mail is forwarded to ${mailPerson}
<#break>
<#case "reads-own">
I read my e-mail while I am away
<#break>
<#default>
<#stop "unknown mail option: " + mail>
</#switch>
For urgent matters you can contact:
<#list contacts as c>
<@contact c/>
</#list>
