<#--
  The temporary greeting recorded for an absence: who they are (as T2), that they are away and
  until when, and who to call instead. Model: fullName, orgName, workplace, reason, until (date
  map), untilTime (clock map, for an absence ending at a time of day), alternate (name, phone,
  viaSwitchboard: no extension, so the switchboard refers callers to them),
  switchboardPhone; see se.vaxel.render.Texts#absenceGreeting.
-->
<#import "messages.ftl" as m>
<#macro away><#if untilTime??>until <@m.spokenDate until/> at <@m.clock untilTime/><#else>up to and including <@m.spokenDate until/></#if></#macro>
<#macro switchboard>the switchboard<#if switchboardPhone??> on ${switchboardPhone}</#if></#macro>
<#macro instead><#if alternate?? && alternate.viaSwitchboard><@switchboard/>, who will refer you to ${alternate.name}<#if alternate.phone??> on ${alternate.phone}</#if><#elseif alternate?? && alternate.phone??>${alternate.name} on ${alternate.phone}, or <@switchboard/><#elseif alternate??>${alternate.name} through <@switchboard/><#else><@switchboard/></#if></#macro>
Hello! You have reached ${fullName}<#if workplace??>, ${workplace}</#if>, ${orgName}. I am ${m.reasonPhrase[reason]} <@away/>. In the meantime you can contact <@instead/>. You can also leave your name and phone number and I will get back to you when I return. Thank you for calling.
