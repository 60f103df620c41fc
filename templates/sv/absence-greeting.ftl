<#--
  The temporary greeting recorded for an absence: who they are (as T2), that they are away and
  until when, and who to call instead. Model: fullName, orgName, workplace, reason, until (date
  map), untilTime (clock map, for an absence ending at a time of day), alternate (name, phone,
  viaSwitchboard: no extension, so the switchboard refers callers to them),
  switchboardPhone; see se.vaxel.render.Texts#absenceGreeting.
  The same template is the temporary greeting vaxel speaks (speech.temporary-greeting): then
  spoken is set, every number is words (until.day "sjätte", untilTime.words "fjorton och
  trettio", vaxel's one wording of a time, phone numbers digit by digit) and no digit
  may be left; see se.vaxel.render.Texts#spokenAbsenceGreeting.
-->
<#import "messages.ftl" as m>
<#macro time t><#if spoken??>${t.words}<#else><@m.clock t/></#if></#macro>
<#macro away><#if untilTime??>till <@m.spokenDate until/> klockan <@time untilTime/><#else>till och med <@m.spokenDate until/></#if></#macro>
<#macro switchboard>växeln<#if switchboardPhone??> på ${switchboardPhone}</#if></#macro>
<#macro instead><#if alternate?? && alternate.viaSwitchboard><@switchboard/>, som hänvisar till ${alternate.name}<#if alternate.phone??> på telefon ${alternate.phone}</#if><#elseif alternate?? && alternate.phone??>${alternate.name} på telefon ${alternate.phone}, eller till <@switchboard/><#elseif alternate??>${alternate.name} via <@switchboard/><#else><@switchboard/></#if></#macro>
Hej! Du har ringt ${fullName}<#if workplace??>, ${workplace}</#if>, ${orgName}. Jag är ${m.reasonPhrase[reason]} <@away/>. Under tiden kan du vända dig till <@instead/>. Du kan också lämna ditt namn och telefonnummer så återkommer jag till dig när jag är tillbaka. Tack för att du ringde.
