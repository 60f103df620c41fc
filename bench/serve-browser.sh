#!/usr/bin/env bash
# The switchboard console's search in a real browser (issue 11: "type part of a name, unit,
# title or number and the list narrows at once (50,000 people stay instant)").
# A benchmark, not a test: it prints figures (bench/ServeBrowser.java says what each means),
# and fails only when the console does not work (no list, wrong number of rows).
#
# Usage: bench/serve-browser.sh [REPEATS] [PEOPLE...]   (defaults 15, 10000 50000)
#   VAXEL_BENCH_HOGS="0 2"   the numbers of busy shell loops to run each size with (default
#                            "0 2": quiet, then the machine busy too).
#
# For each PEOPLE: a synthetic staff (bench/synthetic-staff.sh), `vaxel serve` on a free port
# (-Xmx512m) with a switchboard account, then, for each hog count, one headless Chromium
# (Debian's chromium + chromium-driver, as the browser tests use) logs in and measures.
# No Asterisk: serve's AMI address is a closed local port, so the console shows its "PBX not
# reachable" banner and greyed states, and the list is the staff file's. The search, the
# drawing and the heap are the same with the PBX up (states would say "idle" instead); the
# live side under load is bench/serve.sh's.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
repeats=${1:-15}; shift || true
sizes=("$@"); (( ${#sizes[@]} )) || sizes=(10000 50000)
hogcounts=(${VAXEL_BENCH_HOGS:-0 2})
for v in "$repeats" "${sizes[@]}" "${hogcounts[@]}"; do
  [[ $v =~ ^[0-9]+$ ]] || { echo "usage: bench/serve-browser.sh [REPEATS] [PEOPLE...]" >&2; exit 2; }
done

(cd "$home" && { mvn -q -B -o -DskipTests package || mvn -q -B -DskipTests package; } &&
  mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-test-classpath) >&2
classpath=$(<"$home/target/bench-test-classpath")
work=$(mktemp -d /var/tmp/vaxel-bench-browser.XXXXXX)
pids=()
stop() { local p; for p in "$@"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
cleanup() { stop "${pids[@]}"; rm -rf --one-file-system "$work"; }
trap cleanup EXIT
vaxel() { java -Xmx1g -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" "$@"; }
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

password=bench-$RANDOM$RANDOM
printf '%s\n' "$password" | VAXEL_CONFIG="" vaxel user add bench --role switchboard --accounts "$work/users" >/dev/null
echo "host: $(nproc) cores, $(chromium --version 2>/dev/null || echo chromium)"

for people in "${sizes[@]}"; do
  HINTS=false "$home/bench/synthetic-staff.sh" "$people" >"$work/staff.yaml"
  port=$(freeport); noami=$(freeport)  # nothing listens on noami: the PBX is "down"
  VAXEL_CONFIG="" VAXEL_AMI_SECRET=none java -Xmx512m -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" \
    serve -f "$work/staff.yaml" --ami "127.0.0.1:$noami" --ami-user bench \
    --accounts "$work/users" --audit-log "$work/audit.log" --listen "127.0.0.1:$port" \
    >"$work/serve.log" 2>&1 &
  serve=$!; pids+=("$serve")
  for _ in $(seq 600); do
    grep -q 'listening on' "$work/serve.log" && break
    kill -0 "$serve" 2>/dev/null || { cat "$work/serve.log" >&2; echo "vaxel serve exited" >&2; exit 1; }
    sleep 0.1
  done
  for hogs in "${hogcounts[@]}"; do
    hogpids=()
    for ((i = 0; i < hogs; i++)); do (while :; do :; done) & hogpids+=($!); pids+=($!); done
    printf '\n== %s people, %s busy loops, load %s\n' "$people" "$hogs" "$(cut -d' ' -f1-3 /proc/loadavg)"
    java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" "$home/bench/ServeBrowser.java" "http://127.0.0.1:$port" \
      bench "$password" "$repeats"
    stop "${hogpids[@]}"
  done
  stop "$serve"
done
