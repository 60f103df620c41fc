#!/usr/bin/env bash
# Benchmark of `vaxel check` (issue 4): a real Asterisk with N mailboxes, read directly and
# through a proxy that adds 50 ms round-trip delay, against a naive client that sends one AMI
# action per person. A benchmark, not a test: it prints figures and fails only when something
# could not be run at all. Needs root (the Asterisk sandbox is a chroot).
#
# Usage: bench/check.sh [N]        (default 10000)
#
# In one run:
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
#     until it writes its "done" key): what the check's polls wait for.
#  7. Runs bench/NaiveCheck.java (one Getvar VM_INFO(ext@ctx,fullname) per person, sequential)
#     directly, then through the proxy. Through the proxy it asks the first 1,000 people and
#     continues with the rest only while the whole bench stays within VAXEL_BENCH_BUDGET seconds
#     (default 720 = 12 min, from the start of this script); otherwise it stops and the table
#     shows the time measured for the people asked AND, labelled "extrapolated", the time
#     scaled linearly to all N.
#  8. Prints the table. On exit (also on error or Ctrl-C) the proxy and the bench sandbox are
#     stopped and the temporary directory is removed.
#
# Environment: VAXEL_BENCH_BUDGET (s, default 720), VAXEL_BENCH_JAR, VAXEL_BENCH_SANDBOX_DIR
# (default /var/tmp/vaxel-bench-asterisk), VAXEL_BENCH_PORT (default 5039),
# VAXEL_BENCH_PROXY_PORT (default 15039), VAXEL_BENCH_KEEP=1 keeps the work directory.
set -euo pipefail

n=${1:-10000}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/check.sh [N]" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "bench/check.sh: needs root (the Asterisk sandbox is a chroot)" >&2; exit 2; }
home="$(cd "$(dirname "$0")/.." && pwd)"
budget=${VAXEL_BENCH_BUDGET:-720}
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
sandbox_started=no
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
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

# 2. staff.yaml ----------------------------------------------------------------------------
staff=$work/staff.yaml
"$home/bench/synthetic-staff.sh" "$n" >"$staff"
vm_context=$(sed -n 's/^  voicemail-context: *//p' "$staff")
probe_context=$(sed -n 's/^  dialplan-context: *//p' "$staff")-probe
log "staff.yaml: $n people, voicemail context $vm_context"

# 3. the bench sandbox, reset, started, applied ---------------------------------------------
log "resetting and starting the bench sandbox ($VAXEL_SANDBOX_DIR, AMI 127.0.0.1:$VAXEL_SANDBOX_PORT)"
sandbox_started=yes # from here on, stop it on exit whatever happens
sandbox reset
sandbox start
eval "$(sandbox env)" # VAXEL_SANDBOX_ROOT, VAXEL_AMI_HOST/PORT/USER/SECRET_FILE
export VAXEL_AMI="$VAXEL_AMI_HOST:$VAXEL_AMI_PORT" VAXEL_AMI_USER VAXEL_AMI_SECRET_FILE
t0=$(date +%s.%N)
# shellcheck disable=SC2153 # VAXEL_SANDBOX_ROOT comes from the eval above
vaxel apply -f "$staff" --asterisk-conf-dir "$VAXEL_SANDBOX_ROOT/etc/asterisk" --ami-timeout 60 \
  >"$work/apply.out" 2>&1 || { tail -n 20 "$work/apply.out" >&2; log "apply failed"; exit 1; }
apply_s=$(since "$t0")
mailboxes=$(sandbox cli "voicemail show users for $vm_context" | grep -c "^$vm_context " || true)
log "applied in ${apply_s} s: $(tail -n 1 "$work/apply.out"); $mailboxes mailboxes in $vm_context"

# 4. the delay proxy -------------------------------------------------------------------------
java "$home/bench/DelayProxy.java" "$proxy_port" 127.0.0.1 "$VAXEL_SANDBOX_PORT" "$delay_ms" \
  $((budget + 600)) >"$work/proxy.log" 2>&1 &
proxy_pid=$!
for _ in $(seq 1 100); do
  grep -q '^DelayProxy listening' "$work/proxy.log" && break
  kill -0 "$proxy_pid" 2>/dev/null || { cat "$work/proxy.log" >&2; log "proxy died"; exit 1; }
  sleep 0.1
done
grep -q '^DelayProxy listening' "$work/proxy.log" || { log "proxy did not start"; exit 1; }
log "$(head -n 1 "$work/proxy.log")"

# 5. vaxel check, direct and through the proxy ---------------------------------------------
# Sets CHECK_WALL, CHECK_RT, CHECK_MS, CHECK_FINDINGS, CHECK_RC for one run against $1.
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
  CHECK_MS=$(sed -E 's/.* ([0-9]+) ms$/\1/' <<<"$line")
  log "check $label: exit $rc, $line, wall ${CHECK_WALL} s"
  if ((rc == 3)); then
    log "check $label was INCOMPLETE: $(jq -c '.summary' "$work/check-$label.json" 2>/dev/null || true)"
  fi
}
run_check "127.0.0.1:$VAXEL_SANDBOX_PORT" direct
c_dir_wall=$CHECK_WALL c_dir_rt=$CHECK_RT c_dir_ms=$CHECK_MS c_dir_rc=$CHECK_RC
c_findings=$CHECK_FINDINGS
run_check "127.0.0.1:$proxy_port" proxy
c_px_wall=$CHECK_WALL c_px_rt=$CHECK_RT c_px_ms=$CHECK_MS c_px_rc=$CHECK_RC
rules=$(jq -r '[.findings[].rule] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' \
  "$work/check-proxy.json" 2>/dev/null || echo "?")
log "findings by rule (proxy run): $rules"

# 6. the greeting probe alone, inside Asterisk -----------------------------------------------
sandbox cli 'database deltree vaxel-probe' >/dev/null
t=$(date +%s.%N)
sandbox cli "channel originate Local/s@$probe_context application Wait 1" >/dev/null
probe_s="did not finish within 60 s"
for _ in $(seq 1 1200); do
  if sandbox cli 'database get vaxel-probe done' | grep -q '^Value'; then
    probe_s="$(since "$t") s"
    break
  fi
  sleep 0.05
done
probe_keys=$(sandbox cli 'database show vaxel-probe' | grep -c '^/vaxel-probe/' || true)
log "greeting probe alone (Asterisk CLI originate until done): $probe_s, $probe_keys AstDB keys"

# 7. the naive client ------------------------------------------------------------------------
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
  NAIVE_MISMATCH=$(field mismatches)
  log "naive $label: $line, wall ${NAIVE_WALL} s$(grep -h 'stopping' "$work/naive-$label.err" | sed 's/^/; /')"
}
run_naive "$VAXEL_SANDBOX_PORT" direct
n_dir_wall=$NAIVE_WALL n_dir_rt=$NAIVE_RT n_dir_ms=$NAIVE_MS n_dir_asked=$NAIVE_ASKED
n_mismatch=$NAIVE_MISMATCH
# What is left of the budget, less ~20 s for the JVM, staff.yaml, login and the teardown.
left=$((budget - SECONDS - 20))
((left > 0)) || left=1
log "naive through the proxy: budget $left s left of $budget s"
run_naive "$proxy_port" proxy "$left"
n_px_wall=$NAIVE_WALL n_px_rt=$NAIVE_RT n_px_ms=$NAIVE_MS n_px_asked=$NAIVE_ASKED
n_px_xms=$NAIVE_XMS n_px_xrt=$NAIVE_XRT

# 8. the table -------------------------------------------------------------------------------
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
echo
echo "vaxel check benchmark: $n people, $mailboxes mailboxes, Asterisk $(sandbox cli 'core show version' | awk '{ print $2 }'), $(nproc) cores"
echo "proxy: ${delay_ms} ms each way (50 ms RTT); wall = whole process, (in brackets: AMI session as the client measures it)"
printf '%-30s %7s %16s %24s %24s\n' client people "AMI round trips" "wall, direct" "wall, 50 ms RTT"
printf '%-30s %7s %16s %24s %24s\n' "vaxel check (list actions)" "$n" "$c_dir_rt / $c_px_rt" \
  "${c_dir_wall} s ($(secs "$c_dir_ms"))" "${c_px_wall} s ($(secs "$c_px_ms"))"
printf '%-30s %7s %16s %24s %24s\n' "naive, 1 Getvar per person" "$n_dir_asked" "$n_dir_rt" \
  "${n_dir_wall} s ($(secs "$n_dir_ms"))" \
  "$( ((n_px_asked == n_dir_asked)) && echo "${n_px_wall} s ($(secs "$n_px_ms"))" || echo "see below")"
if ((n_px_asked != n_dir_asked)); then
  printf '%-30s %7s %16s %24s %24s\n' "  measured through proxy" "$n_px_asked" "$n_px_rt" "" \
    "${n_px_wall} s ($(secs "$n_px_ms"))"
  printf '%-30s %7s %16s %24s %24s\n' "  EXTRAPOLATED to all" "$n_dir_asked" "$n_px_xrt" "" \
    "~$(secs "$n_px_xms") (extrap.)"
fi
echo
echo "check: exit $c_dir_rc direct / $c_px_rc proxy (1 = findings, 3 = incomplete), $c_findings findings: $rules"
echo "greeting probe inside Asterisk alone: $probe_s; apply of $n people: ${apply_s} s"
echo "naive: $n_mismatch of $n_dir_asked full names differ from staff.yaml (direct run)"
echo "round trips include the 3 of login; vaxel's count includes the probe's polls (one per 150 ms)"
