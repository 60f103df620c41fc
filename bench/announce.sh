#!/usr/bin/env bash
# Benchmark of the spoken absence through `vaxel apply` (issue 10 item 2): a synthetic staff of
# N people (bench/synthetic-staff.sh: every tenth away now, every twentieth away soon, each
# with an alternate) whose last names are made unique with letters, so every absence has its
# own sentence and file. Times:
#   1. the first apply: makes every announcement with espeak-ng, writes, reloads, verifies;
#   2. a second apply of the same file: must make none (content-addressed names) and change
#      nothing;
# and counts the files. A benchmark, not a test: it prints figures. Needs root (the Asterisk
# sandbox is a chroot) and espeak-ng.
#
# Usage: bench/announce.sh [N]     (default 6667: about 1,000 absences)
# Uses the sandbox named by VAXEL_SANDBOX_DIR / VAXEL_SANDBOX_PORT, which it resets first.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-6667}
(cd "$home" && { mvn -q -B -o -DskipTests package || mvn -q -B -DskipTests package; }) >&2
work=$(mktemp -d /var/tmp/vaxel-bench-announce.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT

"$home/scripts/asterisk-sandbox" reset >&2
"$home/scripts/asterisk-sandbox" start >&2
eval "$("$home/scripts/asterisk-sandbox" env)"
export VAXEL_AMI="$VAXEL_AMI_HOST:$VAXEL_AMI_PORT" VAXEL_AMI_USER VAXEL_AMI_SECRET_FILE
etc="$VAXEL_SANDBOX_ROOT/etc/asterisk"
# As bench/apply.sh: a large AMI writetimeout, so lists of thousands of mailboxes arrive whole.
sed -i '/^\[vaxel\]$/a writetimeout = 10000' "$etc/manager.conf"
chroot "$VAXEL_SANDBOX_ROOT" /usr/sbin/asterisk -rx 'manager reload' >/dev/null
sounds="$VAXEL_SANDBOX_ROOT/var/lib/asterisk/sounds/vaxel"
rm -rf "$sounds/bjurholms-kommun"

{
  printf 'speech:\n  sounds-dir: %s\n  playback-dir: /var/lib/asterisk/sounds/vaxel\n' "$sounds"
  HINTS=${HINTS:-true} "$home/bench/synthetic-staff.sh" "$n" | awk '
    function letters(i,   s) { s = ""; do { s = sprintf("%c", 97 + i % 26) s; i = int(i / 26) } while (i > 0); return s }
    /^    last-name: / { k++; print $0 letters(k); next } { print }'
} > "$work/staff.yaml"
absences=$(grep -c '^      - from:' "$work/staff.yaml")

vaxel() { java -Xmx1g -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" "$@"; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f", e - s }'; }

printf 'load average at start: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
first=$(secs vaxel apply -f "$work/staff.yaml" --asterisk-conf-dir "$etc")
made=$(find "$sounds/bjurholms-kommun" -name 'announce-*.wav' | wc -l)
mib=$(du -sm "$sounds/bjurholms-kommun" | cut -f1)
touch "$work/marker"; sleep 1
second=$(secs vaxel apply -f "$work/staff.yaml" --asterisk-conf-dir "$etc")
newer=$(find "$sounds/bjurholms-kommun" -name 'announce-*.wav' -newer "$work/marker" | wc -l)
printf 'people %s, absences in staff.yaml %s\n' "$n" "$absences"
printf 'first apply:  %s s, %s files made (%s MiB)\n' "$first" "$made" "$mib"
printf 'second apply: %s s, %s files made again\n' "$second" "$newer"
printf 'load average at end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
