#!/usr/bin/env bash
# Benchmark of the generated dialplan's size (issue 7): N people (default 15000), everyone away
# from a year ago to a year ahead with weekly contacts alternating between two colleagues
# (synthetic-staff.sh N long), then `vaxel generate`: prints the size of extensions.conf and of
# its largest context, the wall time of the whole generate (texts included) and the largest
# heap after a GC. The dialplan should grow with the absences and weekly contacts listed, not
# with how often the contact changes during an absence.
# Usage: bench/dialplan.sh [N]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-15000}
(cd "$home" && mvn -q -B -DskipTests package)
work=$(mktemp -d /var/tmp/vaxel-bench-dialplan.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT
"$home/bench/synthetic-staff.sh" "$n" long > "$work/staff.yaml"
s=$(date +%s.%N)
java -Xmx6g -Xlog:gc:file="$work/gc.log" -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" \
  generate -f "$work/staff.yaml" -o "$work/out" > /dev/null
e=$(date +%s.%N)
conf="$work/out/asterisk/extensions.conf"
heap=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
printf 'people %s, staff.yaml %s bytes\n' "$n" "$(stat -c %s "$work/staff.yaml")"
printf 'extensions.conf %s bytes, %s lines\n' "$(stat -c %s "$conf")" "$(wc -l < "$conf")"
awk '/^\[/ { c = $0 } { n[c] += length($0) + 1 } END { for (k in n) print "  " k, n[k] }' "$conf" | sort -k2 -n -r
awk -v s="$s" -v e="$e" -v h="${heap:-?}" 'BEGIN { printf "generate %.1f s, max heap used %s MB\n", e - s, h }'
