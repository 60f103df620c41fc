<#--
  What a caller hears after a phone code (docs/phone-codes.md), as a kit of phrases that apply
  speaks once and the dialplan plays in a row: "Frånvaro registrerad: semester, till och med
  söndagen den sjätte december". One phrase a line, KEY = WORDS; every key must be there, an
  empty one is silent. The ORDER of the phrases is vaxel's (se.vaxel.speech.PhraseKit), so
  each phrase must read well between its neighbours. Numbers come as words. heard-away and
  heard-switchboard are what a CALLER hears about an absence set from the phone: "Den du söker
  är borta till och med ... Du kopplas nu till växeln." (never the reason).
  Model: reasons (the disclosed keys: "sjuk" never arrives), weekdays and months (Monday and
  January first), ordinals (1 to 31), cardinals (0 to 59), clock (a time's parts in vaxel's
  one wording, se.vaxel.speech.SpokenWords.time: hours, halves and whole by hour 0 to 23,
  minutes by minute 1 to 59; a time is hour-H minute-M half-H, or oclock-H on the hour).
-->
registered = Frånvaro registrerad:
registered-for = Frånvaro registrerad för anknytning
through = till och med
until = till klockan
today = i dag.
back = Välkommen tillbaka.
back-for = Frånvaron borttagen för anknytning
error-date = Det datumet går inte att använda.
retry-date = Slå datumet igen, år, månad och dag, och avsluta med fyrkant.
error-time = Den tiden går inte att använda.
retry-time = Slå tiden igen, timmar och minuter, och avsluta med fyrkant.
failed = Ingenting har ändrats. Hej då.
invalid = Koden gick inte att använda. Ingenting har ändrats.
heard-away = Den du söker är borta
heard-switchboard = Du kopplas nu till växeln.
heard-onward = Du kopplas nu vidare.
<#assign reasonWords = {
  "semester": "semester,",
  "tjansteresa": "tjänsteresa,",
  "utbildning": "utbildning,",
  "foraldraledig": "föräldraledighet,",
  "mote": "möte,",
  "annat": "annat,"
}>
<#list reasons as r>
reason-${r} = ${reasonWords[r]}
</#list>
<#list weekdays as d>
weekday-${d?counter} = ${d}en
</#list>
<#list ordinals as o>
day-${o?counter} = den ${o}
</#list>
<#list months as m>
month-${m?counter} = ${m}.
</#list>
<#-- A time of day: vaxel's one wording (the announcements say the same), in parts -->
<#list 0..23 as h>
hour-${h} = ${clock.hours[h]}
</#list>
<#list 1..59 as n>
minute-${n} = ${clock.minutes[n]}
</#list>
<#list 0..23 as h>
half-${h} = ${clock.halves[h]}
</#list>
<#list 0..23 as h>
oclock-${h} = ${clock.whole[h]}
</#list>
<#list 0..9 as d>
digit-${d} = ${cardinals[d]}
</#list>
