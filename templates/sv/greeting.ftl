<#--
  T2 voicemail greeting: the policy's exact wording; only the name, workplace and organisation
  change. Model: fullName, orgName, workplace (optional); see se.vaxel.render.Texts.
-->
Hej! Du har ringt ${fullName}<#if workplace??>, ${workplace}</#if>, ${orgName}. Jag kan inte ta ditt telefonsamtal just nu, men lämna ditt namn och telefonnummer så återkommer jag till dig. Tack för att du ringde.
