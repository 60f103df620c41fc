<#--
  T1 answering phrase: the organisation, then first and last name, then the person's chosen
  additions. Model: orgName, fullName, extras (list, possibly empty).
-->
${orgName}, ${fullName}<#list extras as extra>, ${extra}</#list>
