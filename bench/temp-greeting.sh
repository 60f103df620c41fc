#!/usr/bin/env bash
# Benchmark of the spoken temporary greeting through `vaxel apply` (speech.temporary-greeting):
# the synthetic staff of bench/announce.sh (N people, every tenth away now, every twentieth
# away soon, names unique so every greeting has its own words). Times:
#   0. an apply with the option off: makes the announcements (bench/announce.sh measures it);
#   1. the same file with the option on: only the temporary greetings are new work, spoken
#      and linked into the chroot's voicemail spool after the verified reload;
#   2. the same again: must speak nothing (the records name the words placed) and change
#      nothing;
# and counts the greetings placed and the ones placed again. A benchmark, not a test: it prints
# figures. Needs root (the Asterisk sandbox is a chroot) and espeak-ng.
#
# Usage: bench/temp-greeting.sh [N]     (default 10000: about 1,000 away now)
# Uses the sandbox named by VAXEL_SANDBOX_DIR / VAXEL_SANDBOX_PORT, which it resets first.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-10000}
(cd "$home" && { mvn -q -B -o -DskipTests package || mvn -q -B -DskipTests package; }) >&2
work=$(mktemp -d /var/tmp/vaxel-bench-temp.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT

"$home/scripts/asterisk-sandbox" reset >&2
"$home/scripts/asterisk-sandbox" start >&2
eval "$("$home/scripts/asterisk-sandbox" env)"
export VAXEL_AMI="$VAXEL_AMI_HOST:$VAXEL_AMI_PORT" VAXEL_AMI_USER VAXEL_AMI_SECRET_FILE
etc="$VAXEL_SANDBOX_ROOT/etc/asterisk"
sed -i '/^\[vaxel\]$/a writetimeout = 10000' "$etc/manager.conf"
chroot "$VAXEL_SANDBOX_ROOT" /usr/sbin/asterisk -rx 'manager reload' >/dev/null
sounds="$VAXEL_SANDBOX_ROOT/var/lib/asterisk/sounds/vaxel"
spool="$VAXEL_SANDBOX_ROOT/var/spool/asterisk/voicemail"
rm -rf "$sounds/bjurholms-kommun"

staff() {
  printf 'speech:\n  sounds-dir: %s\n  playback-dir: /var/lib/asterisk/sounds/vaxel\n' "$sounds"
  printf '  temporary-greeting: %s\n  voicemail-spool: %s\n' "$1" "$spool"
  HINTS=${HINTS:-true} "$home/bench/synthetic-staff.sh" "$n" | awk '
    function letters(i,   s) { s = ""; do { s = sprintf("%c", 97 + i % 26) s; i = int(i / 26) } while (i > 0); return s }
    /^    last-name: / { k++; print $0 letters(k); next } { print }'
}
staff false > "$work/off.yaml"
staff true > "$work/on.yaml"
absences=$(grep -c '^      - from:' "$work/on.yaml")

vaxel() { java -Xmx1g -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" "$@"; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f", e - s }'; }
greetings() { find "$spool" -name temp.wav "$@" | wc -l; }

printf 'load average at start: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
zero=$(secs vaxel apply -f "$work/off.yaml" --asterisk-conf-dir "$etc")
first=$(secs vaxel apply -f "$work/on.yaml" --asterisk-conf-dir "$etc")
placed=$(greetings)
mib=$(find "$spool" -name temp.wav -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s / 1048576 }')
touch "$work/marker"; sleep 1
second=$(secs vaxel apply -f "$work/on.yaml" --asterisk-conf-dir "$etc")
again=$(greetings -newer "$work/marker")
records=$(find "$sounds/bjurholms-kommun" -name 'temp-*' | wc -l)
printf 'people %s, absences in staff.yaml %s\n' "$n" "$absences"
printf 'apply, option off (announcements): %s s\n' "$zero"
printf 'first apply, option on:  %s s, %s greetings placed (%s MiB), %s records\n' \
  "$first" "$placed" "$mib" "$records"
printf 'second apply, option on: %s s, %s greetings placed again\n' "$second" "$again"
printf 'load average at end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
