#!/usr/bin/env bash
# Load test of `vaxel serve` (issue 11): 50 open switchboard consoles (event streams), 10,000
# people, 20 absence changes a second for a minute. Every console must receive every change,
# nothing may be lost, and the server's heap after a full GC must stay flat.
# A benchmark, not a test: it prints figures, and fails when a change was lost or refused.
# Needs root (the Asterisk sandbox is a chroot) and a JDK's jcmd.
#
# Usage: bench/serve.sh [PEOPLE] [CONSOLES] [RATE] [SECONDS]   (defaults 10000 50 20 60)
#   VAXEL_BENCH_HOGS=N   N busy shell loops beside the run (default 0): the machine busy too.
#
# In one run:
#  1. Builds target/vaxel.jar, starts the sandbox of VAXEL_SANDBOX_DIR / VAXEL_SANDBOX_PORT,
#     applies a synthetic staff of PEOPLE (bench/synthetic-staff.sh, hints off).
#  2. Adds a switchboard account, starts `vaxel serve` on a free port (-Xmx512m).
#  3. Runs bench/ServeLoad.java: CONSOLES sessions open the event stream; when all are
#     connected, the live heap after a full GC is measured (jcmd GC.class_histogram); then one
#     operator session sets RATE absences a second for SECONDS, each on another person.
#  4. Heap after a full GC again at the end (the consoles still open), and every 15 s
#     during the run; the live absences are deleted, serve and the hogs are stopped by pid.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
people=${1:-10000}; consoles=${2:-50}; rate=${3:-20}; seconds=${4:-60}
hogs=${VAXEL_BENCH_HOGS:-0}
for v in "$people" "$consoles" "$rate" "$seconds" "$hogs"; do
  [[ $v =~ ^[0-9]+$ ]] || { echo "usage: bench/serve.sh [PEOPLE] [CONSOLES] [RATE] [SECONDS]" >&2; exit 2; }
done
(( people > rate * seconds )) || { echo "need more people than changes ($((rate * seconds)))" >&2; exit 2; }

(cd "$home" && { mvn -q -B -o -DskipTests package || mvn -q -B -DskipTests package; }) >&2
work=$(mktemp -d /var/tmp/vaxel-bench-serve.XXXXXX)
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [[ -n ${VAXEL_SANDBOX_ROOT:-} ]]; then
    chroot "$VAXEL_SANDBOX_ROOT" /usr/sbin/asterisk -rx 'database deltree vaxel-absence' >/dev/null 2>&1 || true
  fi
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

"$home/scripts/asterisk-sandbox" start >&2
eval "$("$home/scripts/asterisk-sandbox" env)"
export VAXEL_AMI="$VAXEL_AMI_HOST:$VAXEL_AMI_PORT" VAXEL_AMI_USER VAXEL_AMI_SECRET_FILE
export VAXEL_CONFIG=""
etc="$VAXEL_SANDBOX_ROOT/etc/asterisk"
vaxel() { java -Xmx1g -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" "$@"; }

HINTS=false "$home/bench/synthetic-staff.sh" "$people" >"$work/staff.yaml"
echo "applying $people people..." >&2
vaxel apply -f "$work/staff.yaml" --asterisk-conf-dir "$etc" >/dev/null
chroot "$VAXEL_SANDBOX_ROOT" /usr/sbin/asterisk -rx 'database deltree vaxel-absence' >/dev/null

password=bench-$RANDOM$RANDOM
accounts="$work/users"
printf '%s\n' "$password" |
  vaxel user add bench --role switchboard --accounts "$accounts" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xmx512m -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" serve -f "$work/staff.yaml" \
  --accounts "$accounts" --audit-log "$work/audit.log" --listen "127.0.0.1:$port" \
  >"$work/serve.log" 2>&1 &
serve=$!; pids+=("$serve")
for _ in $(seq 600); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$serve" 2>/dev/null || { cat "$work/serve.log" >&2; echo "vaxel serve exited" >&2; exit 1; }
  sleep 0.1
done

# The live heap in MiB: GC.class_histogram runs a full GC and counts what survived, in one
# step (GC.run then GC.heap_info would also count what was allocated between the two).
heap() {
  jcmd "$serve" GC.class_histogram | awk '$1 == "Total" { printf "%.1f", $3 / 1048576 }'
}

for ((i = 0; i < hogs; i++)); do (while :; do :; done) & pids+=($!); done
printf 'people %s, consoles %s, %s changes/s for %s s, hogs %s, cores %s, load %s\n' \
  "$people" "$consoles" "$rate" "$seconds" "$hogs" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"

{
  java -Xmx256m "$home/bench/ServeLoad.java" "http://127.0.0.1:$port" bench "$password" \
    "$consoles" "$rate" "$seconds" || echo "EXIT $?"
} | while IFS= read -r line; do
  printf '%s\n' "$line"
  if [[ $line == READY ]]; then
    printf 'live heap after a full GC, consoles open, before the changes: %s MiB\n' "$(heap)"
    ( for ((t = 15; t < seconds; t += 15)); do
        sleep 15; printf 'live heap after a full GC at %3d s: %s MiB\n' "$((t + 2))" "$(heap)"; done ) &
  fi
  if [[ $line == "EXIT "* ]]; then touch "$work/failed"; fi
done
printf 'live heap after a full GC at the end, consoles open: %s MiB\n' "$(heap)"
printf 'server threads: %s, RSS: %s MiB, load: %s\n' "$(ls /proc/$serve/task | wc -l)" \
  "$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$serve/status)" "$(cut -d' ' -f1-3 /proc/loadavg)"
kill -0 "$serve" 2>/dev/null || { echo "vaxel serve died:" >&2; tail -n 20 "$work/serve.log" >&2; exit 1; }
[[ ! -e $work/failed ]]
