#!/usr/bin/env bash
# Benchmark of `vaxel check` (issues 4 and 8): a real Asterisk with N mailboxes, read directly
# and through a proxy that adds 50 ms round-trip delay, against a naive client that sends one AMI
# action per person; the greeting probe's share; and three consecutive checks while the machine
# is kept busy, which must give the same findings. A benchmark, not a test: it prints figures and
# fails only when something could not be run at all. Needs root (the sandbox is a chroot).
#
# Usage: bench/check.sh [N ...]    (default: 10000 50000; each N in turn, then one table)
#
# For each N:
#  1. Builds vaxel.jar with `mvn -q -B -DskipTests package` in a private copy of this checkout
#     (without target/ and .git/), so a shared target/ that someone else is building is never
#     touched. VAXEL_BENCH_JAR=path skips the build and uses that jar.
#  2. Writes a synthetic staff.yaml of N people with bench/synthetic-staff.sh. Devices stay
#     PJSIP/${EXTEN} and the sandbox has no PJSIP endpoints: the check still sends its two PJSIP
#     list actions (12 fixed round trips, not 10), and every present person is reported
#     ENDPOINT-UNREACHABLE (a warning). No greetings are recorded, so every mailbox is also
#     GREETING-MISSING; the probe STATs each mailbox all the same.
#  3. Resets and starts a SECOND Asterisk sandbox (VAXEL_SANDBOX_DIR=/var/tmp/vaxel-bench-asterisk,
#     AMI on 127.0.0.1:5039; the shared one on 5038 is never touched; first start builds the
#     chroot, ~1 min), and `vaxel apply`s the staff file into it.
#  4. Starts bench/DelayProxy.java on 127.0.0.1:15039 -> 5039, 25 ms each way (50 ms RTT),
#     delaying by timestamped per-direction queues, so only latency is added, not a cap on
#     throughput.
#  5. Times `vaxel check -v --format json -o FILE` directly against 5039, then through the proxy;
#     -v prints the round trips and the time of the check itself. The wall time in the table is
#     the whole process (JVM start, staff.yaml, rules, report).
#  6. Times the greeting probe inside Asterisk alone (originated from the Asterisk CLI, polled
#     until its progress key says "done"): what the check's polls wait for.
#  6b. Starts two busy loops (one per core of the benchmark machine; VAXEL_BENCH_HOGS), runs
#     `vaxel check` three times in a row, stops the loops, and compares the three runs' findings
#     (rule, staff, extension) and incomplete lists: "same" or the difference.
#  7. Runs bench/NaiveCheck.java (one Getvar VM_INFO(ext@ctx,fullname) per person, sequential)
#     directly, then through the proxy. Through the proxy it asks the first 1,000 people and
#     continues with the rest only while it stays within VAXEL_BENCH_BUDGET seconds (default
#     120, per N); otherwise it stops and the table
#     shows the time measured for the people asked AND, labelled "extrapolated", the time
#     scaled linearly to all N.
#  8. Prints the table. On exit (also on error or Ctrl-C) the proxy, the busy loops and the bench
#     sandbox are stopped and the temporary directory is removed.
#
# Environment: SPEECH=true adds a speech: block (announcements on, files in the sandbox's
# chroot; apply then speaks every window with espeak-ng, which takes minutes), so the probe also
# looks for announcement files (ANNOUNCEMENT-MISSING). HINTS=true|false (asterisk.hints of the synthetic staff; default true up to
# 10,000 people, false above), VAXEL_BENCH_BUDGET (s per N, default 120), VAXEL_BENCH_HOGS (busy loops during
# the three checks, default: the number of cores), VAXEL_BENCH_JAR, VAXEL_BENCH_SANDBOX_DIR
# (default /var/tmp/vaxel-bench-asterisk), VAXEL_BENCH_PORT (default 5039),
# VAXEL_BENCH_PROXY_PORT (default 15039), VAXEL_BENCH_KEEP=1 keeps the work directory.
set -euo pipefail

sizes=("$@")
((${#sizes[@]} > 0)) || sizes=(10000 50000)
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/check.sh [N ...]" >&2; exit 2; }
done
[[ $(id -u) -eq 0 ]] || { echo "bench/check.sh: needs root (the Asterisk sandbox is a chroot)" >&2; exit 2; }
home="$(cd "$(dirname "$0")/.." && pwd)"
budget=${VAXEL_BENCH_BUDGET:-120}
hogs=${VAXEL_BENCH_HOGS:-$(nproc)}
proxy_port=${VAXEL_BENCH_PROXY_PORT:-15039}
delay_ms=25
export VAXEL_SANDBOX_DIR=${VAXEL_BENCH_SANDBOX_DIR:-/var/tmp/vaxel-bench-asterisk}
export VAXEL_SANDBOX_PORT=${VAXEL_BENCH_PORT:-5039}
# Never the shared sandbox that integration tests use.
if [[ $VAXEL_SANDBOX_PORT == 5038 || $(realpath -m "$VAXEL_SANDBOX_DIR") == /var/tmp/vaxel-asterisk ]]; then
  echo "bench/check.sh: refusing to use the shared sandbox (port 5038, /var/tmp/vaxel-asterisk)" >&2
  exit 2
fi
sandbox() { "$home/scripts/asterisk-sandbox" "$@"; }
log() { printf '[bench %4ds] %s\n' "$SECONDS" "$*" >&2; }

work=$(mktemp -d /var/tmp/vaxel-bench-check.XXXXXX)
proxy_pid=""
hog_pids=()
sandbox_started=no
stop_hogs() {
  local p
  for p in "${hog_pids[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  hog_pids=()
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_hogs
  if [[ -n $proxy_pid ]] && kill -0 "$proxy_pid" 2>/dev/null; then
    kill "$proxy_pid" 2>/dev/null || true
    wait "$proxy_pid" 2>/dev/null || true
  fi
  if [[ $sandbox_started == yes ]]; then
    sandbox stop || log "could not stop the bench sandbox; run: VAXEL_SANDBOX_DIR=$VAXEL_SANDBOX_DIR scripts/asterisk-sandbox stop"
  fi
  if [[ ${VAXEL_BENCH_KEEP:-} == 1 ]]; then
    log "work directory kept: $work"
  else
    rm -rf --one-file-system -- "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Seconds since $1 (a date +%s.%N stamp), three decimals.
since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }'; }

# 1. the jar -------------------------------------------------------------------------------
if [[ -n ${VAXEL_BENCH_JAR:-} ]]; then
  jar=$VAXEL_BENCH_JAR
  [[ -f $jar ]] || { log "VAXEL_BENCH_JAR=$jar does not exist"; exit 2; }
else
  log "building vaxel.jar in a private copy of $home"
  mkdir "$work/src"
  (cd "$home" && tar cf - --exclude=./target --exclude=./.git .) | (cd "$work/src" && tar xf -)
  (cd "$work/src" && mvn -q -B -DskipTests package) >"$work/mvn.log" 2>&1 ||
    { tail -n 30 "$work/mvn.log" >&2; log "build failed"; exit 1; }
  jar=$work/src/target/vaxel.jar
fi
vaxel() { java -Dvaxel.home="$home" -jar "$jar" "$@"; }

# Sets CHECK_WALL, CHECK_RT, CHECK_MS, CHECK_PROBE_MS, CHECK_FINDINGS, CHECK_RC for one run
# against $1; the JSON report goes to $work/check-$2.json.
run_check() {
  local addr=$1 label=$2 t rc=0
  t=$(date +%s.%N)
  vaxel check -v -f "$staff" --ami "$addr" --format json -o "$work/check-$label.json" \
    2>"$work/check-$label.err" || rc=$?
  CHECK_WALL=$(since "$t")
  CHECK_RC=$rc
  if ((rc != 0 && rc != 1 && rc != 3)); then
    cat "$work/check-$label.err" >&2
    log "vaxel check ($label) failed with exit $rc"
    exit 1
  fi
  local line
  line=$(grep 'AMI round trips' "$work/check-$label.err" | tail -n 1)
  CHECK_FINDINGS=$(sed -E 's/.* ([0-9]+) findings.*/\1/' <<<"$line")
  CHECK_RT=$(sed -E 's/.* ([0-9]+) AMI round trips.*/\1/' <<<"$line")
  CHECK_PROBE_MS=$(sed -E 's/.*greeting probe ([0-9]+) ms.*/\1/' <<<"$line")
  CHECK_MS=$(sed -E 's/.* ([0-9]+) ms$/\1/' <<<"$line")
  log "check $label: exit $rc, $line, wall ${CHECK_WALL} s"
  if ((rc == 3)); then
    log "check $label was INCOMPLETE: $(jq -c '.summary' "$work/check-$label.json" 2>/dev/null || true)"
  fi
}

# Sets NAIVE_* from NaiveCheck's one line.
run_naive() {
  local port=$1 label=$2 t
  local budget_arg=("${@:3}") # the budget in seconds, or nothing
  t=$(date +%s.%N)
  java -cp "$jar" "$home/bench/NaiveCheck.java" 127.0.0.1 "$port" "$VAXEL_AMI_USER" \
    "$VAXEL_AMI_SECRET_FILE" "$staff" "${budget_arg[@]}" >"$work/naive-$label.out" 2>"$work/naive-$label.err" ||
    { cat "$work/naive-$label.err" >&2; log "NaiveCheck ($label) failed"; exit 1; }
  NAIVE_WALL=$(since "$t")
  local line
  line=$(grep '^naive ' "$work/naive-$label.out")
  field() { sed -E "s/.* $1=([0-9]+).*/\\1/" <<<"$line"; }
  NAIVE_ASKED=$(field asked) NAIVE_RT=$(field roundTrips) NAIVE_MS=$(field ms)
  NAIVE_XMS=$(field extrapolatedMs) NAIVE_XRT=$(field extrapolatedRoundTrips)
  log "naive $label: $line, wall ${NAIVE_WALL} s$(grep -h 'stopping' "$work/naive-$label.err" | sed 's/^/; /')"
}

# What a report found, comparable between runs: findings (rule staff extension) and gaps.
findings_of() {
  jq -c '{findings: [.findings[] | [.rule, .staff, .extension]] | sort,
          incomplete: .summary.incomplete}' "$1"
}

secs() { awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
rows=()

# One size: the whole procedure of the header, steps 2 to 7; appends its row to rows.
bench_one() {
  local n=$1 start=$SECONDS
  staff=$work/staff-$n.yaml

  # 2. staff.yaml --------------------------------------------------------------------------
  # Hints as bench/apply.sh: on up to 10,000 people, off above (HINTS overrides).
  HINTS=${HINTS:-$( ((n <= 10000)) && echo true || echo false)} \
    "$home/bench/synthetic-staff.sh" "$n" >"$staff"
  local vm_context probe_context
  vm_context=$(sed -n 's/^  voicemail-context: *//p' "$staff")
  probe_context=$(sed -n 's/^  dialplan-context: *//p' "$staff")-probe
  log "staff.yaml: $n people, voicemail context $vm_context"

  # 3. the bench sandbox, reset, started, applied --------------------------------------------
  log "resetting and starting the bench sandbox ($VAXEL_SANDBOX_DIR, AMI 127.0.0.1:$VAXEL_SANDBOX_PORT)"
  sandbox_started=yes # from here on, stop it on exit whatever happens
  sandbox reset
  sandbox start
  eval "$(sandbox env)" # VAXEL_SANDBOX_ROOT, VAXEL_AMI_HOST/PORT/USER/SECRET_FILE
  export VAXEL_AMI="$VAXEL_AMI_HOST:$VAXEL_AMI_PORT" VAXEL_AMI_USER VAXEL_AMI_SECRET_FILE
  # A busy Asterisk drops the rest of an AMI message it cannot write within the user's
  # writetimeout (default 100 ms), which cuts lists of 10,000 mailboxes: give the users the
  # large one a production AMI user needs.
  sed -i '/^\[vaxel\(-check\)\?\]$/a writetimeout = 10000' "$VAXEL_SANDBOX_ROOT/etc/asterisk/manager.conf"
  sandbox cli 'manager reload' >/dev/null
  if [[ ${SPEECH:-false} == true ]]; then
    # Announcements on (ANNOUNCEMENT-MISSING's cost): vaxel writes into the chroot, Asterisk
    # plays, and the probe STATs, the same files at /var/lib/asterisk/sounds/vaxel.
    sed -i "/^staff:/i speech:\\n  sounds-dir: $VAXEL_SANDBOX_ROOT/var/lib/asterisk/sounds/vaxel\\n  playback-dir: /var/lib/asterisk/sounds/vaxel" "$staff"
    log "speech on: $(grep -c '^      - from:' "$staff") absences announced"
  fi
  local t0 apply_s mailboxes
  t0=$(date +%s.%N)
  # shellcheck disable=SC2153 # VAXEL_SANDBOX_ROOT comes from the eval above
  # A dialplan reload of 50,000 people took over 6 min on a loaded 2-core machine.
  vaxel apply -f "$staff" --asterisk-conf-dir "$VAXEL_SANDBOX_ROOT/etc/asterisk" --ami-timeout 300 \
    >"$work/apply.out" 2>&1 || { tail -n 20 "$work/apply.out" >&2; log "apply failed"; exit 1; }
  apply_s=$(since "$t0")
  mailboxes=$(sandbox cli "voicemail show users for $vm_context" | grep -c "^$vm_context " || true)
  log "applied in ${apply_s} s: $(tail -n 1 "$work/apply.out"); $mailboxes mailboxes in $vm_context"

  # 5. vaxel check, direct and through the proxy (4. the proxy runs for the whole bench) -----
  run_check "127.0.0.1:$VAXEL_SANDBOX_PORT" "direct-$n"
  local c_dir_wall=$CHECK_WALL c_dir_rt=$CHECK_RT c_dir_rc=$CHECK_RC c_dir_probe=$CHECK_PROBE_MS
  local c_dir_ms=$CHECK_MS
  run_check "127.0.0.1:$proxy_port" "proxy-$n"
  local c_px_wall=$CHECK_WALL c_px_rt=$CHECK_RT c_px_ms=$CHECK_MS c_px_probe=$CHECK_PROBE_MS
  local rules
  rules=$(jq -r '[.findings[].rule] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' \
    "$work/check-proxy-$n.json" 2>/dev/null || echo "?")
  log "findings by rule (proxy run): $rules"

  # 6. the greeting probe alone, inside Asterisk ---------------------------------------------
  sandbox cli 'database deltree vaxel-probe' >/dev/null
  local t probe_s="did not finish within 300 s" probe_keys
  t=$(date +%s.%N)
  sandbox cli "channel originate Local/s@$probe_context application Wait 1" >/dev/null
  for _ in $(seq 1 6000); do
    if sandbox cli 'database get vaxel-probe progress' | grep -q 'done'; then
      probe_s="$(since "$t") s"
      break
    fi
    sleep 0.05
  done
  probe_keys=$(sandbox cli 'database show vaxel-probe' | grep -c '^/vaxel-probe/' || true)
  log "greeting probe alone (Asterisk CLI originate until done): $probe_s, $probe_keys AstDB keys"

  # 6b. three checks in a row on a busy machine ----------------------------------------------
  local i same=yes probes=() trips=()
  for ((i = 0; i < hogs; i++)); do
    bash -c 'while :; do :; done' &
    hog_pids+=($!)
  done
  log "three checks with $hogs busy loops running (load $(cut -d' ' -f1 /proc/loadavg))"
  for i in 1 2 3; do
    run_check "127.0.0.1:$VAXEL_SANDBOX_PORT" "busy$i-$n"
    probes+=("$(secs "$CHECK_PROBE_MS")") trips+=("$CHECK_RT")
    findings_of "$work/check-busy$i-$n.json" >"$work/found-$i-$n.json"
  done
  stop_hogs
  for i in 2 3; do
    if ! cmp -s "$work/found-1-$n.json" "$work/found-$i-$n.json"; then
      same=no
      log "run $i differs from run 1: $(diff <(jq . "$work/found-1-$n.json") \
        <(jq . "$work/found-$i-$n.json") | head -n 10 | tr '\n' ' ')"
    fi
  done
  log "three busy checks: same findings: $same; probe ${probes[*]}; round trips ${trips[*]}"

  # 7. the naive client ----------------------------------------------------------------------
  run_naive "$VAXEL_SANDBOX_PORT" "direct-$n"
  local n_dir_wall=$NAIVE_WALL n_dir_rt=$NAIVE_RT n_dir_asked=$NAIVE_ASKED
  log "naive through the proxy: budget $budget s"
  run_naive "$proxy_port" "proxy-$n" "$budget"
  local n_px_asked=$NAIVE_ASKED n_px_ms=$NAIVE_MS n_px_xms=$NAIVE_XMS n_px_xrt=$NAIVE_XRT
  local naive_px="$(secs "$n_px_ms")"
  if ((n_px_asked != n_dir_asked)); then
    naive_px="~$(secs "$n_px_xms") (extrap. from $n_px_asked)"
  fi
  local speedup
  speedup=$(awk -v a="$n_px_xms" -v b="$c_px_wall" -v c="$c_px_ms" \
    'BEGIN { printf "%.0fx/%.0fx", a / 1000 / b, a / c }')

  rows+=("$(printf '%-7s %-6s %-12s %-12s %-16s %-10s %-10s %-26s %-8s %-4s %-22s %s' \
    "$n" "$c_dir_rc" "$c_dir_rt/$c_px_rt" "${c_dir_wall} s" "${c_px_wall} s" \
    "$(secs "$c_dir_probe")" "${probe_s% s} s" "$naive_px ($n_px_xrt rt)" "$speedup" "$same" \
    "${probes[*]}" "apply ${apply_s} s")")
  log "size $n done in $((SECONDS - start)) s: ${rows[-1]}"
  : "$c_dir_ms $c_px_probe $n_dir_wall $n_dir_rt" # in the log lines above
}

# 4. the delay proxy, for every size --------------------------------------------------------
java "$home/bench/DelayProxy.java" "$proxy_port" 127.0.0.1 "$VAXEL_SANDBOX_PORT" "$delay_ms" \
  $(((budget + 900) * ${#sizes[@]})) >"$work/proxy.log" 2>&1 &
proxy_pid=$!
for _ in $(seq 1 100); do
  grep -q '^DelayProxy listening' "$work/proxy.log" && break
  kill -0 "$proxy_pid" 2>/dev/null || { cat "$work/proxy.log" >&2; log "proxy died"; exit 1; }
  sleep 0.1
done
grep -q '^DelayProxy listening' "$work/proxy.log" || { log "proxy did not start"; exit 1; }
log "$(head -n 1 "$work/proxy.log")"

for n in "${sizes[@]}"; do
  bench_one "$n"
done

# 8. the table -------------------------------------------------------------------------------
echo
echo "vaxel check benchmark: Asterisk $(sandbox cli 'core show version' | awk '{ print $2 }'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "wall = whole vaxel process; 50 ms = through the proxy (25 ms each way); rt = AMI round trips (login's 3 included)"
printf '%-7s %-6s %-12s %-12s %-16s %-10s %-10s %-26s %-8s %-4s %-22s %s\n' people exit "rt dir/50ms" \
  "wall dir" "wall 50ms" "probe" "probe CLI" "naive 50ms" "speedup" same "probe busy x3" ""
printf '%s\n' "${rows[@]}"
echo "exit: 1 = findings, 3 = incomplete; probe = the greeting probe's share of the direct check;"
echo "probe CLI = the probe alone, originated from the Asterisk CLI; same = three checks with"
echo "$hogs busy loops gave the same findings; speedup = naive (all people) / vaxel at 50 ms:"
echo "whole process / AMI session (login to judgement)"
