<#--
  English wording shared by the templates in this directory: <#import "messages.ftl" as m>.
  An organisation that overrides this file must keep every key and macro.

  The reason keys are the staff.yaml spellings. "sjuk" never arrives: vaxel passes sickness as
  "annat", so no text discloses it.
-->
<#-- "I am on holiday", in the absence greeting -->
<#assign reasonPhrase = {
  "semester": "on holiday",
  "tjansteresa": "on a business trip",
  "utbildning": "on a training course",
  "foraldraledig": "on parental leave",
  "mote": "in a meeting",
  "annat": "away"
}>
<#-- The status column of the switchboard sheet -->
<#assign reasonLabel = {
  "semester": "Holiday",
  "tjansteresa": "Business trip",
  "utbildning": "Training",
  "foraldraledig": "Parental leave",
  "mote": "Meeting",
  "annat": "Absent"
}>
<#-- Spoken: "Sunday 9 August", "Wednesday 6 January 2027" -->
<#macro spokenDate d>${d.weekday} ${d.day} ${d.month}<#if d.year??> ${d.year}</#if></#macro>
<#-- Written, for lists: the same order in British English -->
<#macro writtenDate d>${d.weekday} ${d.day} ${d.month}<#if d.year??> ${d.year}</#if></#macro>
<#macro clock t>${t.hour}:${t.minute}</#macro>
