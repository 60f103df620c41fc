<#--
  Swedish wording shared by the templates in this directory: <#import "messages.ftl" as m>.
  An organisation that overrides this file must keep every key and macro.

  The reason keys are the staff.yaml spellings. "sjuk" never arrives: vaxel passes sickness as
  "annat", so no text discloses it.
-->
<#-- "Jag är på semester", in the absence greeting -->
<#assign reasonPhrase = {
  "semester": "på semester",
  "tjansteresa": "på tjänsteresa",
  "utbildning": "på utbildning",
  "foraldraledig": "föräldraledig",
  "mote": "i möte",
  "annat": "inte på plats"
}>
<#-- The status column of the switchboard sheet -->
<#assign reasonLabel = {
  "semester": "Semester",
  "tjansteresa": "Tjänsteresa",
  "utbildning": "Utbildning",
  "foraldraledig": "Föräldraledig",
  "mote": "Möte",
  "annat": "Frånvarande"
}>
<#-- Spoken: "söndag den 9 augusti", "onsdag den 6 januari 2027" -->
<#macro spokenDate d>${d.weekday} den ${d.day} ${d.month}<#if d.year??> ${d.year}</#if></#macro>
<#-- Written, for lists: "söndag 9 augusti 2026" -->
<#macro writtenDate d>${d.weekday} ${d.day} ${d.month}<#if d.year??> ${d.year}</#if></#macro>
<#-- Swedish time of day uses a point: "12.00" -->
<#macro clock t>${t.hour}.${t.minute}</#macro>
