#!/usr/bin/env bash
# Benchmark of WORDING the spoken absences in one apply (issue 10, item 3): the dialplan's
# render, the announcements' ensure and retain, for a synthetic staff of N people
# (bench/synthetic-staff.sh, last names made unique so every absence has its own sentence),
# with every file already there (empty) so no engine runs and no PBX is needed. Prints the
# time of each part per round; the first round includes the JVM's warm-up. A benchmark, not a
# test.
#
# MODE "unshared" words the sentences again in ensure and in retain, as apply did before they
# were remembered per organisation (the comparison); "shared" (default) is what apply does.
#
# Usage: bench/announce-wording.sh [N] [ROUNDS] [shared|unshared]   (default 10000, 3, shared)
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-10000}
rounds=${2:-3}
mode=${3:-shared}
(cd "$home" && mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath >&2)
classpath="$home/target/classes:$(<"$home/target/bench-classpath")"
work=$(mktemp -d /var/tmp/vaxel-bench-wording.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT
{
  printf 'speech:\n  sounds-dir: %s/sounds\n' "$work"
  "$home/bench/synthetic-staff.sh" "$n" | awk '
    function letters(i,   s) { s = ""; do { s = sprintf("%c", 97 + i % 26) s; i = int(i / 26) } while (i > 0); return s }
    /^    last-name: / { k++; print $0 letters(k); next } { print }'
} > "$work/staff.yaml"
printf 'people %s, absences in staff.yaml %s, load average %s\n' "$n" \
  "$(grep -c '^      - from:' "$work/staff.yaml")" "$(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$classpath" "$home/bench/AnnounceWording.java" "$work/staff.yaml" "$rounds" "$mode"
