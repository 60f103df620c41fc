<#--
  The temporary greeting recorded for an absence: who they are (as T2), that they are away and
  until when, and who to call instead. Model: fullName, orgName, workplace, reason, until (date
  map), untilTime (clock map, for an absence ending at a time of day), alternate (name, phone,
  viaSwitchboard: no extension, so the switchboard refers callers to them),
  switchboardPhone; see se.vaxel.render.Texts#absenceGreeting.
  The same template is the temporary greeting vaxel speaks (speech.temporary-greeting): then
  spoken is set, every number is words (until.day "sixth", untilTime.hour12 "two" and so on,
  phone numbers digit by digit) and no digit may be left; see
  se.vaxel.render.Texts#spokenAbsenceGreeting.
-->
<#import "messages.ftl" as m>
<#macro date d><#if spoken??>${d.weekday} the ${d.day} of ${d.month}<#if d.year??> ${d.year}</#if><#else><@m.spokenDate d/></#if></#macro>
<#-- spoken: vaxel's one wording of a time (untilTime.words, as the announcement says it: "two
     thirty p.m.", "noon"); the time ends the sentence, whose full stop completes "p.m." -->
<#macro time t><#if !spoken??><@m.clock t/><#else>${t.words?remove_ending(".")}</#if></#macro>
<#macro away><#if untilTime??>until <@date until/> at <@time untilTime/><#else>up to and including <@date until/></#if></#macro>
<#macro switchboard>the switchboard<#if switchboardPhone??> on ${switchboardPhone}</#if></#macro>
<#macro instead><#if alternate?? && alternate.viaSwitchboard><@switchboard/>, who will refer you to ${alternate.name}<#if alternate.phone??> on ${alternate.phone}</#if><#elseif alternate?? && alternate.phone??>${alternate.name} on ${alternate.phone}, or <@switchboard/><#elseif alternate??>${alternate.name} through <@switchboard/><#else><@switchboard/></#if></#macro>
Hello! You have reached ${fullName}<#if workplace??>, ${workplace}</#if>, ${orgName}. I am ${m.reasonPhrase[reason]} <@away/>. In the meantime you can contact <@instead/>. You can also leave your name and phone number and I will get back to you when I return. Thank you for calling.
