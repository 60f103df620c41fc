<#--
  What a caller hears before a call to an absent person goes on. A speech engine reads it, so
  every number is words (the model gives them); white space and line breaks become one space.
  Model: name, reason, until (date), untilTime (clock), untilToday, back (date), target (kind:
  person, switchboard or voicemail; name); see se.vaxel.speech.AnnouncementText.
  The reason is the staff.yaml key after the policy: "sjuk" never arrives.
-->
<#import "messages.ftl" as m>
<#-- "Sunday the sixth of December", with "twenty twenty-seven" when it is another year -->
<#macro date d>${d.weekday} the ${d.day} of ${d.month}<#if d.year??> ${d.year}</#if></#macro>
<#-- "two thirty p.m.", "eight oh five a.m.", "noon": the words of the time are vaxel's one
     wording (SpokenWords), the same the phone codes read back -->
<#macro clock t>${t.words}</#macro>
You have reached ${name}.
${name} is ${m.reasonPhrase[reason]}
<#if untilTime?? && untilToday??>
  until <@clock untilTime/> today.
<#elseif untilTime??>
  <#-- a sentence that ends in "p.m." has its full stop -->
  <#assign said>until <@date until/> at <@clock untilTime/><#if back??>, and back on <@date back/></#if></#assign>
  ${said}<#if !said?ends_with(".")>.</#if>
<#else>
  up to and including <@date until/><#if back??>, and back on <@date back/></#if>.
</#if>
<#switch target.kind>
  <#case "person">Your call is now being transferred to ${target.name}.<#break>
  <#case "switchboard">Your call is now being transferred to the switchboard.<#break>
  <#default>You can leave a message after the tone.
</#switch>
