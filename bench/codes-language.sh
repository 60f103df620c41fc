#!/usr/bin/env bash
# Benchmark of a second language for the phone codes' read-back (docs/phone-codes.md): what a
# share of people with their own `language: en` in a Swedish organisation costs, through
# `vaxel apply` on the sandbox Asterisk with speech on. The synthetic staff of
# bench/synthetic-staff.sh without its absences (so no announcement is made: only the phrase
# kit), applied twice:
#   A. everyone in the organisation's language (sv): one kit;
#   B. every tenth person (PERCENT_EN, default 10) with `language: en`: two kits;
# then B again, which must make no phrase. Counts the phrase files in the organisation's sounds
# directory, the lines of the generated extensions.conf, its "lang" labels and say- extensions.
# A benchmark, not a test: it prints figures. Needs root (the Asterisk sandbox is a chroot) and
# espeak-ng.
#
# Usage: bench/codes-language.sh [N]     (default 10000)
# Uses the sandbox named by VAXEL_SANDBOX_DIR / VAXEL_SANDBOX_PORT, which it resets first.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-10000}
pct=${PERCENT_EN:-10}
(cd "$home" && { mvn -q -B -o -DskipTests package || mvn -q -B -DskipTests package; }) >&2
work=$(mktemp -d /var/tmp/vaxel-bench-codes.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT

"$home/scripts/asterisk-sandbox" reset >&2
"$home/scripts/asterisk-sandbox" start >&2
eval "$("$home/scripts/asterisk-sandbox" env)"
export VAXEL_AMI="$VAXEL_AMI_HOST:$VAXEL_AMI_PORT" VAXEL_AMI_USER VAXEL_AMI_SECRET_FILE
etc="$VAXEL_SANDBOX_ROOT/etc/asterisk"
org=bjurholms-kommun
# As bench/apply.sh: a large AMI writetimeout, so lists of thousands of mailboxes arrive whole.
sed -i '/^\[vaxel\]$/a writetimeout = 10000' "$etc/manager.conf"
chroot "$VAXEL_SANDBOX_ROOT" /usr/sbin/asterisk -rx 'manager reload' >/dev/null
sounds="$VAXEL_SANDBOX_ROOT/var/lib/asterisk/sounds/vaxel"
rm -rf "${sounds:?}/$org"
# The sandbox's reset keeps sounds: leave none of ours for the integration tests to count.
trap 'rm -rf --one-file-system "$work" "${sounds:?}/$org"' EXIT

# staff A: no absences, speech on; staff B: the same with every (100/pct)th person in English.
{
  printf 'speech:\n  sounds-dir: %s\n  playback-dir: /var/lib/asterisk/sounds/vaxel\n' "$sounds"
  "$home/bench/synthetic-staff.sh" "$n" | awk '
    /^  - id: / { skip = 0 } /^    absences:/ { skip = 1 } !skip { print }'
} > "$work/a.yaml"
every=$((100 / pct))
awk -v every="$every" '{ print } /^    email: / { k++; if (k % every == 0) print "    language: en" }' \
  "$work/a.yaml" > "$work/b.yaml"
english=$(grep -c '^    language: en' "$work/b.yaml")

vaxel() { java -Xmx1g -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" "$@"; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f", e - s }'; }
phrases() { find "$sounds/$org" -name 'phrase-*.wav' 2>/dev/null | wc -l; }
conf="$etc/vaxel/$org/extensions.conf"
figures() {
  printf '%s: apply %s s, phrase files %s (%s MiB), extensions.conf %s lines, lang labels %s, say- extensions %s\n' \
    "$1" "$2" "$(phrases)" "$(du -sm "$sounds/$org" | cut -f1)" "$(wc -l < "$conf")" \
    "$(grep -c '^ same => n(lang),' "$conf" || true)" "$(grep -c '^exten => say-' "$conf" || true)"
}

printf 'load average at start: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'people %s, with language: en %s\n' "$n" "$english"
t=$(secs vaxel apply -f "$work/a.yaml" --asterisk-conf-dir "$etc"); figures "A (sv only)      " "$t"
t=$(secs vaxel apply -f "$work/b.yaml" --asterisk-conf-dir "$etc"); figures "B (${pct}% en)        " "$t"
touch "$work/marker"; sleep 1
t=$(secs vaxel apply -f "$work/b.yaml" --asterisk-conf-dir "$etc"); figures "B again         " "$t"
printf 'phrase files made again: %s\n' "$(find "$sounds/$org" -name 'phrase-*.wav' -newer "$work/marker" | wc -l)"
printf 'load average at end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
