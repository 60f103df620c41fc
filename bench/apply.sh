#!/usr/bin/env bash
# Benchmark of `vaxel apply` (issue 8): for each N, how long apply takes to bring a real Asterisk
# from one configuration of N people to another, against the yardstick the issue sets: the same
# two fragments copied into place and reloaded by hand (cp, then asterisk -rx 'module reload'
# of app_voicemail and pbx_config, which return when the reload is done). Goal: apply <= 1.5x.
# A benchmark, not a test: it prints figures. Needs root (the Asterisk sandbox is a chroot).
#
# Usage: bench/apply.sh [N ...]      (default: 10000 50000; RUNS=3 runs per size, medians)
#        HINTS=true|false: asterisk.hints of the synthetic staff (default: true up to 10,000
#        people, false above: Asterisk's reload time grows with the square of the hints, see
#        docs/apply.md#hints)
#
# Uses the sandbox named by VAXEL_SANDBOX_DIR / VAXEL_SANDBOX_PORT (default: the shared one),
# which it resets first. Per run, with the PBX on configuration A (staff A applied):
#   1. time `vaxel apply -f B`            A -> B (both fragments change: every name does)
#   2. keep B's fragments, `vaxel apply -f A` (untimed, back to A)
#   3. time cp of B's fragments + the two reloads by hand   A -> B
#   4. `vaxel apply -f A` (untimed, back to A)
# The app_voicemail reload dominates (about 64 s for 50,000 mailboxes on a busy 2-core box),
# so a 50,000 run takes about ten minutes.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("$@"); [[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 50000)
runs=${RUNS:-3}
(cd "$home" && { mvn -q -B -o -DskipTests package || mvn -q -B -DskipTests package; }) >&2
work=$(mktemp -d /var/tmp/vaxel-bench-apply.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT

"$home/scripts/asterisk-sandbox" reset >&2
"$home/scripts/asterisk-sandbox" start >&2
eval "$("$home/scripts/asterisk-sandbox" env)"
export VAXEL_AMI="$VAXEL_AMI_HOST:$VAXEL_AMI_PORT" VAXEL_AMI_USER VAXEL_AMI_SECRET_FILE
etc="$VAXEL_SANDBOX_ROOT/etc/asterisk"
# The organisation directory apply writes into (its id, derived from synthetic-staff.sh's name).
org=bjurholms-kommun
# Asterisk drops the rest of an AMI message it cannot write within the user's writetimeout
# (default 100 ms); on a busy machine a list of 10,000 mailboxes then loses entries and apply's
# verification fails. A PBX that vaxel applies to should give its AMI user a large one too.
sed -i '/^\[vaxel\]$/a writetimeout = 10000' "$etc/manager.conf"
chroot "$VAXEL_SANDBOX_ROOT" /usr/sbin/asterisk -rx 'manager reload' >/dev/null

vaxel() { java -Xmx1g -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" "$@"; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f", e - s }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
by_hand() {
  cp "$work/b-voicemail.conf" "$etc/vaxel/$org/voicemail.conf"
  cp "$work/b-extensions.conf" "$etc/vaxel/$org/extensions.conf"
  chroot "$VAXEL_SANDBOX_ROOT" /usr/sbin/asterisk -rx 'module reload app_voicemail.so'
  chroot "$VAXEL_SANDBOX_ROOT" /usr/sbin/asterisk -rx 'module reload pbx_config.so'
}

printf 'load average at start: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-7s %-6s %-6s %-24s %-24s %s\n' people hints "MiB" "apply (runs)" "cp+reload (runs)" ratio
for n in "${sizes[@]}"; do
  hints=${HINTS:-$( ((n <= 10000)) && echo true || echo false)}
  HINTS=$hints "$home/bench/synthetic-staff.sh" "$n" > "$work/a-$n.yaml"
  sed 's/^\(    last-name: .*\)$/\1son/' "$work/a-$n.yaml" > "$work/b-$n.yaml"
  a=(-f "$work/a-$n.yaml" --asterisk-conf-dir "$etc")
  b=(-f "$work/b-$n.yaml" --asterisk-conf-dir "$etc")
  vaxel apply "${a[@]}" >/dev/null
  applies=(); hands=()
  for ((r = 1; r <= runs; r++)); do
    applies+=("$(secs vaxel apply "${b[@]}")")
    cp "$etc/vaxel/$org/voicemail.conf" "$work/b-voicemail.conf"
    cp "$etc/vaxel/$org/extensions.conf" "$work/b-extensions.conf"
    vaxel apply "${a[@]}" >/dev/null
    hands+=("$(secs by_hand)")
    vaxel apply "${a[@]}" >/dev/null
  done
  mib=$(du -cb "$work/b-voicemail.conf" "$work/b-extensions.conf" | awk 'END { printf "%.1f", $1 / 1048576 }')
  ap=$(median "${applies[@]}"); hd=$(median "${hands[@]}")
  printf '%-7s %-6s %-6s %-24s %-24s %.2f\n' "$n" "$hints" "$mib" "${applies[*]}" "${hands[*]}" \
    "$(awk -v a="$ap" -v h="$hd" 'BEGIN { printf "%.2f", a / h }')"
  printf '  load average after %s: %s\n' "$n" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
