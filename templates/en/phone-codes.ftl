<#--
  What a caller hears after a phone code (docs/phone-codes.md), as a kit of phrases that apply
  speaks once and the dialplan plays in a row: "Absence registered: holiday, up to and
  including Sunday the sixth of December". One phrase a line, KEY = WORDS; every key must be
  there, an empty one is silent. The ORDER of the phrases is vaxel's
  (se.vaxel.speech.PhraseKit), so each phrase must read well between its neighbours.
  heard-away and heard-switchboard are what a CALLER hears about an absence set from the phone:
  "The person you called is away up to and including ... Your call is now being transferred
  to the switchboard." (never the reason).
  Model: reasons (the disclosed keys: "sjuk" never arrives), weekdays and months (Monday and
  January first), ordinals (1 to 31), cardinals (0 to 59), clock (a time's parts in vaxel's
  one wording, se.vaxel.speech.SpokenWords.time: hours, halves and whole by hour 0 to 23,
  minutes by minute 1 to 59; a time is hour-H minute-M half-H, or oclock-H on the hour).
-->
registered = Absence registered:
registered-for = Absence registered for extension
through = up to and including
until = until
today = today.
back = Welcome back.
back-for = Absence removed for extension
error-date = That date cannot be used.
retry-date = Dial the date again, year, month and day, and finish with hash.
error-time = That time cannot be used.
retry-time = Dial the time again, hours and minutes, and finish with hash.
failed = Nothing has changed. Goodbye.
invalid = The code could not be used. Nothing has changed.
heard-away = The person you called is away
heard-switchboard = Your call is now being transferred to the switchboard.
heard-onward = Your call is now being transferred.
<#assign reasonWords = {
  "semester": "holiday,",
  "tjansteresa": "business trip,",
  "utbildning": "training,",
  "foraldraledig": "parental leave,",
  "mote": "meeting,",
  "annat": "other,"
}>
<#list reasons as r>
reason-${r} = ${reasonWords[r]}
</#list>
<#list weekdays as d>
weekday-${d?counter} = ${d}
</#list>
<#list ordinals as o>
day-${o?counter} = the ${o}
</#list>
<#list months as m>
month-${m?counter} = of ${m}.
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
