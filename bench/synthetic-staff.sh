#!/usr/bin/env bash
# Writes a synthetic staff.yaml of N people to stdout: every person with an extension, e-mail,
# title and workplace; every tenth absent now (relative to today) with an alternate, every
# twentieth with an upcoming absence and weekly contacts.
# With "long", everyone is away instead, from a year ago to a year ahead, with an alternate and
# weekly contacts that alternate between two colleagues in weeks 1 to 26: the shape that made
# the dialplan grow with absences times weekly contacts (issue 7).
# HINTS=false writes asterisk.hints: false (no hint per extension; docs/apply.md#hints).
# Usage: [HINTS=true|false] synthetic-staff.sh N [long]
set -euo pipefail
n=${1:?usage: synthetic-staff.sh N [long]}
long=$([[ ${2:-} == long ]] && echo 1 || echo 0)
ls=$(date -d "-1 year" +%F); le=$(date -d "+1 year" +%F)
cs=$(date -d "-3 days" +%F); ce=$(date -d "+10 days" +%F)
us=$(date -d "+30 days" +%F); ue=$(date -d "+44 days" +%F); wk=$(date -d "+30 days" +%V)
hints=${HINTS:-true}
[[ $hints == true || $hints == false ]] || { echo "HINTS must be true or false" >&2; exit 2; }
awk -v hints="$hints" -v n="$n" -v long="$long" -v ls="$ls" -v le="$le" -v cs="$cs" -v ce="$ce" -v us="$us" -v ue="$ue" -v wk="$((10#$wk))" '
BEGIN {
  split("Anna Bo Calle Dalia Erik Fatima Gustav Hanna Ivar Jonna Karl-Johan Lena Märta Nils Åsa Örjan", first, " ")
  split("Berg Lind Carlsson Öberg Nyström Ekström Åkesson Jönsson Holm Wikström", last, " ")
  print "organisation:"
  print "  name: Bjurholms kommun"
  print "  place: Bjurholm"
  print "  switchboard: \"100\""
  print "  phone: \"0934-140 00\""
  print "  functional-mailbox: kommunen@bjurholm.se"
  print "  language: sv"
  print "  timezone: Europe/Stockholm"
  print "asterisk:"
  print "  voicemail-context: vaxel"
  print "  dialplan-context: vaxel-staff"
  print "  device: \"PJSIP/${EXTEN}\""
  print "  ring-timeout: 20"
  print "  hints: " hints
  print "staff:"
  for (i = 1; i <= n; i++) {
    id = sprintf("p%06d", i)
    printf "  - id: %s\n    first-name: %s\n    last-name: %s\n", id, first[(i % 16) + 1], last[(i % 10) + 1]
    printf "    title: Handläggare\n    workplace: Enhet %d\n", i % 97
    printf "    extension: \"%d\"\n    phone: \"0934-%06d\"\n    email: %s@bjurholm.se\n", 100000 + i, i, id
    alt = sprintf("p%06d", (i % n) + 1)
    if (long) {
      c1 = sprintf("p%06d", ((i + 1) % n) + 1); c2 = sprintf("p%06d", ((i + 2) % n) + 1)
      printf "    absences:\n      - from: %s\n        until: %s\n        reason: foraldraledig\n        alternate: %s\n        weekly-contacts:\n", ls, le, alt
      for (w = 1; w <= 26; w++) printf "          %d: %s\n", w, (w % 2 ? c1 : c2)
    } else if (i % 10 == 0) {
      printf "    absences:\n      - from: %s\n        until: %s\n        reason: semester\n        alternate: %s\n", cs, ce, alt
    } else if (i % 20 == 5) {
      printf "    absences:\n      - from: %s\n        until: %s\n        reason: utbildning\n        alternate: %s\n        mail: checked-by\n        weekly-contacts:\n          %d: %s\n", us, ue, alt, wk, alt
    }
  }
}'
