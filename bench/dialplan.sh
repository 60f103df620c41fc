#!/usr/bin/env bash
# Benchmark of the generated dialplan's size (issue 7): N people (default 15000), everyone away
# from a year ago to a year ahead with weekly contacts alternating between two colleagues
# (synthetic-staff.sh N long), then `vaxel generate`: prints the size of extensions.conf and of
# its largest context, the wall time of the whole generate (texts included) and the largest
# heap after a GC. The dialplan should grow with the absences and weekly contacts listed, not
# with how often the contact changes during an absence.
# SPEECH=true: every absence is announced, with a sentence of its own (unique last names, as in
# bench/announce.sh): the planned context then sets the sentences too (docs/speech.md).
# SHIPPED=DIR: generate with DIR/templates as the shipped templates (e.g. `git archive`d from an
# older commit, to compare; --templates may not replace the Asterisk ones).
# With VAXEL_SANDBOX_DIR set (a running sandbox, scripts/asterisk-sandbox), also times a
# `dialplan reload` with the generated dialplan in it, then takes it out again.
# Usage: [SPEECH=true] [SHIPPED=DIR] bench/dialplan.sh [N]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-15000}
(cd "$home" && { mvn -q -B -o -DskipTests package || mvn -q -B -DskipTests package; }) >&2
work=$(mktemp -d /var/tmp/vaxel-bench-dialplan.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT
if [[ ${SPEECH:-false} == true ]]; then
  {
    printf 'speech:\n  sounds-dir: %s\n  playback-dir: /var/lib/asterisk/sounds/vaxel\n' "$work/sounds"
    "$home/bench/synthetic-staff.sh" "$n" long | awk '
      function letters(i,   s) { s = ""; do { s = sprintf("%c", 97 + i % 26) s; i = int(i / 26) } while (i > 0); return s }
      /^    last-name: / { k++; print $0 letters(k); next } { print }'
  } > "$work/staff.yaml"
else
  "$home/bench/synthetic-staff.sh" "$n" long > "$work/staff.yaml"
fi
s=$(date +%s.%N)
java -Xmx6g -Xlog:gc:file="$work/gc.log" -Dvaxel.home="${SHIPPED:-$home}" -jar "$home/target/vaxel.jar" \
  generate -f "$work/staff.yaml" -o "$work/out" > /dev/null
e=$(date +%s.%N)
conf="$work/out/asterisk/extensions.conf"
heap=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
printf 'people %s, staff.yaml %s bytes\n' "$n" "$(stat -c %s "$work/staff.yaml")"
printf 'extensions.conf %s bytes, %s lines\n' "$(stat -c %s "$conf")" "$(wc -l < "$conf")"
awk '/^\[/ { c = $0 } { n[c] += length($0) + 1 } END { for (k in n) print "  " k, n[k] }' "$conf" | sort -k2 -n -r
awk -v s="$s" -v e="$e" -v h="${heap:-?}" 'BEGIN { printf "generate %.1f s, max heap used %s MB\n", e - s, h }'
printf 'steps (ExecIf) in the planned context: %s\n' \
  "$(awk '/^\[/ { c = $0 } c ~ /planned/ && /ExecIf/' "$conf" | wc -l)"
if [[ -n ${VAXEL_SANDBOX_DIR:-} ]]; then
  eval "$("$home/scripts/asterisk-sandbox" env)"
  # The sandbox includes vaxel/*/extensions.conf: one directory of our own, removed again.
  bench="$VAXEL_SANDBOX_ROOT/etc/asterisk/vaxel/zz-bench-dialplan"
  mkdir -p "$bench" && cp "$conf" "$bench/extensions.conf"
  # `dialplan reload` answers before the reload is done, so wait until the last part of the
  # planned context is there (and, taking it out again, gone).
  last=$(grep -o '^\[vaxel-staff-planned-p[0-9]*\]' "$conf" | tail -1 | tr -d '[]')
  cli() { "$home/scripts/asterisk-sandbox" cli "$@"; }
  reload() { # reload, then wait until the last part's presence is $1 (yes|no)
    local s e
    s=$(date +%s.%N)
    cli 'dialplan reload' > /dev/null
    while true; do
      if cli "dialplan show $last" | grep -q "extensions (.* priorities) in 1 context"; then
        [[ $1 == yes ]] && break
      else
        [[ $1 == no ]] && break
      fi
      sleep 0.1
    done
    e=$(date +%s.%N)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f", e - s }'
  }
  in=$(reload yes)
  loaded=$(cli "dialplan show $last" | tail -1)
  rm -rf --one-file-system "$bench"
  out=$(reload no)
  printf 'dialplan reload in the sandbox: %s s to load (%s %s), %s s to take out\n' \
    "$in" "$last" "$loaded" "$out"
fi
