<#--
  E2 e-mail signature in the policy's line layout; lines without data are left out.
  Model: fullName, orgName, title, department, place, phone, mobile (all but the first two
  optional). phone is the direct number, else the switchboard's.
-->
Med vänlig hälsning
${fullName}
<#if title??>
${title}
</#if>
<#if department??>
${department}
</#if>
${orgName}
<#if place??>
${place}
</#if>
<#if phone?? && mobile??>
Tel: ${phone}, Mobil: ${mobile}
<#elseif phone??>
Tel: ${phone}
<#elseif mobile??>
Mobil: ${mobile}
</#if>
