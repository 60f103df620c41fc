<#--
  T2 voicemail greeting: our English rendering of the policy's Swedish script, sentence by
  sentence. Model: fullName, orgName, workplace (optional); see se.vaxel.render.Texts.
-->
Hello! You have reached ${fullName}<#if workplace??>, ${workplace}</#if>, ${orgName}. I can't take your call right now, but leave your name and phone number and I will get back to you. Thank you for calling.
