<#--
  What a caller hears before a call to an absent person goes on. A speech engine reads it, so
  every number is words (the model gives them); white space and line breaks become one space.
  Model: name, reason, until (date), untilTime (clock), untilToday, back (date), target (kind:
  person, switchboard or voicemail; name); see se.vaxel.speech.AnnouncementText.
  The reason is the staff.yaml key after the policy: "sjuk" never arrives.
-->
<#import "messages.ftl" as m>
<#-- "söndagen den sjätte december", with "tjugohundratjugosju" when it is another year -->
<#macro date d>${d.weekday}en den ${d.day} ${d.month}<#if d.year??> ${d.year}</#if></#macro>
<#-- "klockan fjorton och trettio", "klockan åtta och fem", "klockan tolv": the words of the
     time are vaxel's one wording (SpokenWords), the same the phone codes read back -->
<#macro clock t>klockan ${t.words}</#macro>
Du har ringt ${name}.
${name} är ${m.reasonPhrase[reason]}
<#if untilTime?? && untilToday??>
  till <@clock untilTime/> i dag.
<#elseif untilTime??>
  till <@date until/> <@clock untilTime/><#if back??> och är tillbaka <@date back/></#if>.
<#else>
  till och med <@date until/><#if back??> och är tillbaka <@date back/></#if>.
</#if>
<#switch target.kind>
  <#case "person">Du kopplas nu till ${target.name}.<#break>
  <#case "switchboard">Du kopplas nu till växeln.<#break>
  <#default>Du kan lämna ett meddelande efter tonen.
</#switch>
