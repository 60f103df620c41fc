#!/usr/bin/env bash
# Benchmark of `vaxel generate` (issue 2): for each N, a synthetic staff file of N people, then
# in the same run: generate into an empty directory (cold), generate again (nothing changed),
# and `cp -r` of the generated tree, the yardstick the issue sets (generate <= 2x cp -r).
# Heap is capped at 1 GB with -Xmx1g, so a run that needs more fails instead of passing.
# Nothing is deleted until the end: on ext4, creating files within about 30 s of deleting
# many others is several times slower (the inode allocator skips recently deleted inodes),
# which would punish whichever command ran after a deletion. For the same reason, wait a
# minute after deleting large trees before running this.
# Usage: bench/generate.sh [N ...]   (default: 10000 50000)
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("$@"); [[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 50000)
(cd "$home" && mvn -q -B -DskipTests package)
work=$(mktemp -d /var/tmp/vaxel-bench.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT

secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }'; }

printf '%-7s %-9s %-10s %-10s %-9s %-7s %s\n' people files generate regenerate "cp -r" ratio "max heap used"
for n in "${sizes[@]}"; do
  "$home/bench/synthetic-staff.sh" "$n" > "$work/staff-$n.yaml"
  out="$work/out-$n"
  gen=$(secs java -Xmx1g -Xlog:gc:file="$work/gc-$n.log" -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" \
        generate -f "$work/staff-$n.yaml" -o "$out")
  regen=$(secs java -Xmx1g -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" \
        generate -f "$work/staff-$n.yaml" -o "$out")
  sync
  cp=$(secs cp -r "$out" "$work/copy-$n")
  files=$(find "$out" -type f | wc -l)
  heap=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc-$n.log" | sed 's/M->.*//' | sort -n | tail -1)
  printf '%-7s %-9s %-10.2f %-10.2f %-9.2f %-7.2f %s\n' "$n" "$files" "$gen" "$regen" "$cp" \
    "$(awk -v g="$gen" -v c="$cp" 'BEGIN { printf "%.2f", g / c }')" "${heap:-?}M"
done
