<#--
  E2 e-mail signature in the policy's line layout; lines without data are left out.
  Model: fullName, orgName, title, department, place, phone, mobile (all but the first two
  optional). phone is the direct number, else the switchboard's.
-->
Kind regards
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
Phone: ${phone}, Mobile: ${mobile}
<#elseif phone??>
Phone: ${phone}
<#elseif mobile??>
Mobile: ${mobile}
</#if>
