#!/usr/bin/env bash
# Benchmark of the probe's announcement files (ANNOUNCEMENT-MISSING): what looking for them adds
# to the greeting probe that `vaxel check` originates, at N people (default 10000) with the
# synthetic staff's absences (every tenth now, every twentieth upcoming with a weekly contact:
# 1,500 at 10,000), each absence with its own sentence (unique last names, as bench/announce.sh),
# so every window names its own file(s). No sound is made: `vaxel generate` names the files
# without speaking them, and the probe STATs a missing file as fast as one that is there.
#
# Usage: bench/probe-sounds.sh N JAR HOME [JAR HOME ...]
#   each JAR with its HOME (the checkout whose templates/ it renders with), e.g. the jar of the
#   commit before this feature and the one after, measured in turn under the same conditions.
# For each jar: generate, load ONLY that organisation's extensions.conf into the sandbox named by
# VAXEL_SANDBOX_DIR / VAXEL_SANDBOX_PORT (reset first; never the shared one), then originate the
# probe from the Asterisk CLI three times and time each until its progress key says "done";
# prints the AstDB keys the probe wrote and the dialplan steps of its context.
set -euo pipefail
n=${1:?usage: bench/probe-sounds.sh N JAR HOME [JAR HOME ...]}
shift
(($# >= 2 && $# % 2 == 0)) || { echo "usage: bench/probe-sounds.sh N JAR HOME [JAR HOME ...]" >&2; exit 2; }
[[ ${VAXEL_SANDBOX_PORT:-5038} != 5038 && ${VAXEL_SANDBOX_DIR:-} != /var/tmp/vaxel-asterisk ]] ||
  { echo "bench/probe-sounds.sh: set VAXEL_SANDBOX_DIR and VAXEL_SANDBOX_PORT to your own sandbox" >&2; exit 2; }
home="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d /var/tmp/vaxel-bench-probe-sounds.XXXXXX)
sandbox() { "$home/scripts/asterisk-sandbox" "$@"; }
trap 'sandbox stop >/dev/null 2>&1 || true; rm -rf --one-file-system "$work"' EXIT

sandbox reset >&2
sandbox start >&2
eval "$(sandbox env)"
cli() { sandbox cli "$1"; }

{
  printf 'speech:\n  playback-dir: /var/lib/asterisk/sounds/vaxel\n'
  HINTS=false "$home/bench/synthetic-staff.sh" "$n" | awk '
    function letters(i,   s) { s = ""; do { s = sprintf("%c", 97 + i % 26) s; i = int(i / 26) } while (i > 0); return s }
    /^    last-name: / { k++; print $0 letters(k); next } { print }'
} >"$work/staff.yaml"
ctx=$(sed -n 's/^  dialplan-context: *//p' "$work/staff.yaml")
printf 'people %s, absences %s, load average at start %s\n' "$n" \
  "$(grep -c '^      - from:' "$work/staff.yaml")" "$(cut -d' ' -f1-3 /proc/loadavg)"

while (($# > 0)); do
  jar=$1 jhome=$2
  shift 2
  out="$work/out-$(basename "$(dirname "$(dirname "$jar")")")"
  java -Xmx1g -Dvaxel.home="$jhome" -jar "$jar" generate -f "$work/staff.yaml" -o "$out" >/dev/null
  conf=$(grep -rl "^\[$ctx-probe\]" "$out" | head -n 1)
  family=$(sed -n "s/.*Set(DB(\([^/]*\)\/progress).*/\1/p" "$conf" | head -n 1)
  steps=$(awk -v c="[$ctx-probe]" '$0 == c { on = 1; next } /^\[/ { on = 0 } on && /^( same|exten) =>/ { k++ } END { print k }' "$conf")
  sounds=$(awk -v c="[$ctx-probe]" '$0 == c { on = 1; next } /^\[/ { on = 0 } on' "$conf" | grep -o 'SET(n=announce-' | wc -l || true)
  cp "$conf" "$VAXEL_SANDBOX_ROOT/etc/asterisk/probe-bench.conf"
  grep -q 'probe-bench.conf' "$VAXEL_SANDBOX_ROOT/etc/asterisk/extensions.conf" ||
    printf '\n#include "probe-bench.conf"\n' >>"$VAXEL_SANDBOX_ROOT/etc/asterisk/extensions.conf"
  cli 'dialplan reload' >/dev/null
  times=()
  for r in 1 2 3; do
    cli "database deltree $family" >/dev/null
    s=$(date +%s.%N)
    cli "channel originate Local/s@$ctx-probe application Wait 1" >/dev/null
    until cli "database get $family progress" | grep -q done; do sleep 0.05; done
    e=$(date +%s.%N)
    times+=("$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f s", e - s }')")
  done
  keys=$(cli "database show $family" | grep -c "^/$family/" || true)
  printf '%s: probe context %s steps, %s sound files looked for, %s AstDB keys; probe alone %s\n' \
    "$jar" "$steps" "$sounds" "$keys" "${times[*]}"
done
