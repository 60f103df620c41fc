#!/usr/bin/env bash
# Benchmark of AMI list completeness (issue 8): how often a VoicemailUsersList of N mailboxes
# (default 50,000) arrives whole on a busy machine, with Asterisk-Java as vaxel used it before
# (library socket and reader) and with vaxel's AmiClient now (drained socket, raw audit, one
# retry), for an AMI user with Asterisk's default writetimeout (100 ms, the sandbox's
# vaxel-lossy) and one with writetimeout = 10000 (vaxel-check). See docs/ami.md.
# A benchmark, not a test: it prints figures and fails only when something could not be run.
# Needs root (the Asterisk sandbox is a chroot).
#
# Usage: bench/ami-completeness.sh [N] [RUNS]     (defaults 50000 and 10)
#
# In one run:
#  1. Compiles vaxel (mvn -o -q compile) and writes its class path.
#  2. Starts the Asterisk sandbox given by VAXEL_BENCH_SANDBOX_DIR / VAXEL_BENCH_PORT (default
#     /var/tmp/vaxel-bench-asterisk on 5039; never the shared one on 5038), writes N mailboxes
#     into etc/asterisk/vaxel-bench.conf, includes it from voicemail.conf and reloads
#     app_voicemail.
#  3. Makes the machine busy: VAXEL_BENCH_HOGS (default 3) shell loops 'while :; do :; done'.
#  4. Runs bench/AmiCompleteness.java RUNS times per mode (before, after) and per user.
#     VAXEL_BENCH_USERS and VAXEL_BENCH_MODES (space-separated) run only some of them.
#  5. Prints the RESULT lines. On exit (also on error or Ctrl-C) the hogs are killed by pid,
#     the mailboxes are unloaded, and the sandbox is stopped if this script started it.
set -euo pipefail

n=${1:-50000}
runs=${2:-10}
[[ $n =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: bench/ami-completeness.sh [N] [RUNS]" >&2
  exit 2
}
[[ $(id -u) -eq 0 ]] || { echo "bench/ami-completeness.sh: needs root (chroot)" >&2; exit 2; }
home="$(cd "$(dirname "$0")/.." && pwd)"
export VAXEL_SANDBOX_DIR=${VAXEL_BENCH_SANDBOX_DIR:-/var/tmp/vaxel-bench-asterisk}
export VAXEL_SANDBOX_PORT=${VAXEL_BENCH_PORT:-5039}
if [[ $VAXEL_SANDBOX_PORT == 5038 || $(realpath -m "$VAXEL_SANDBOX_DIR") == /var/tmp/vaxel-asterisk ]]; then
  echo "bench/ami-completeness.sh: refusing to use the shared sandbox (5038, /var/tmp/vaxel-asterisk)" >&2
  exit 2
fi
sandbox() { "$home/scripts/asterisk-sandbox" "$@"; }
log() { printf '[bench %4ds] %s\n' "$SECONDS" "$*" >&2; }

etc=$VAXEL_SANDBOX_DIR/root/etc/asterisk
hogs=()
sandbox_started=no
cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  for pid in "${hogs[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  if [[ -f $etc/vaxel-bench.conf ]]; then
    sed -i '/^#tryinclude "vaxel-bench.conf"$/d' "$etc/voicemail.conf"
    rm -f -- "$etc/vaxel-bench.conf"
    sandbox cli 'module reload app_voicemail.so' >/dev/null 2>&1 || true
  fi
  if [[ $sandbox_started == yes ]]; then
    sandbox stop || log "could not stop the sandbox; run: VAXEL_SANDBOX_DIR=$VAXEL_SANDBOX_DIR scripts/asterisk-sandbox stop"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "compiling vaxel"
(cd "$home" && mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath >&2)
classpath="$home/target/classes:$(<"$home/target/bench-classpath")"

sandbox status >/dev/null || sandbox_started=yes
sandbox start
count_mailboxes() { sandbox cli 'voicemail show users' | sed -n 's/^\([0-9]*\) voicemail users configured.*/\1/p'; }
before=$(count_mailboxes)
log "loading $n mailboxes (app_voicemail has ${before:-0} of its own)"
{
  echo "[vaxel-bench]"
  for ((i = 0; i < n; i++)); do echo "$((100000 + i)) => ,Person $i,p$i@example.org"; done
} >"$etc/vaxel-bench.conf"
grep -q 'vaxel-bench.conf' "$etc/voicemail.conf" || printf '\n#tryinclude "vaxel-bench.conf"\n' >>"$etc/voicemail.conf"
sandbox cli 'module reload app_voicemail.so' >/dev/null
# The reload may still be reading the file when the CLI answers: wait until all are loaded.
for ((try = 0; try < 120; try++)); do
  loaded=$(sandbox cli 'voicemail show users for vaxel-bench' | grep -c '^vaxel-bench ' || true)
  [[ $loaded -ge $n ]] && break
  sleep 1
done
[[ $loaded -ge $n ]] || { log "app_voicemail loaded $loaded of $n mailboxes"; exit 1; }
expected=$((${before:-0} + n))
log "app_voicemail has the $n mailboxes of vaxel-bench; a whole list has $expected entries"

for ((i = 0; i < ${VAXEL_BENCH_HOGS:-3}; i++)); do
  sh -c 'while :; do :; done' &
  hogs+=("$!")
done
log "${#hogs[@]} CPU hogs running on $(nproc) cores"

results=()
for user in ${VAXEL_BENCH_USERS:-vaxel-lossy vaxel-check}; do
  for mode in ${VAXEL_BENCH_MODES:-before after}; do
    log "$mode, user $user, $runs runs"
    out=$(java -cp "$classpath" "$home/bench/AmiCompleteness.java" "$mode" 127.0.0.1 \
      "$VAXEL_SANDBOX_PORT" "$user" "$VAXEL_SANDBOX_DIR/ami-secret" "$expected" "$runs" 2>/dev/null)
    grep -v '^RESULT' <<<"$out" >&2
    results+=("$(grep '^RESULT' <<<"$out")")
  done
done
printf '%s\n' "${results[@]}"
