#!/usr/bin/env bash
# Benchmark of `vaxel generate` (issue 2): for each N, a synthetic staff file of N people, then
# in the same run: generate into an empty directory (cold) and `cp -r` of the generated tree,
# the yardstick the issue sets (generate <= 2x cp -r), then generate again (nothing changed).
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

# Each timed command starts with the page cache flushed: after hundreds of thousands of small
# files the kernel's writeback throttles whoever writes next, whatever it is.
secs() { local s e; sync; sleep 2; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }'; }

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The disk of a shared build machine swings several-fold from minute to minute, so each size
# alternates generate and cp -r three times, each into a new directory, and compares medians.
printf '%-7s %-9s %-22s %-22s %-10s %-7s %s\n' people files "generate (3 runs)" "cp -r (3 runs)" \
  regenerate ratio "max heap used"
for n in "${sizes[@]}"; do
  "$home/bench/synthetic-staff.sh" "$n" > "$work/staff-$n.yaml"
  gens=(); cps=()
  for r in 1 2 3; do
    gens+=("$(secs java -Xmx1g -Xlog:gc:file="$work/gc-$n-$r.log" -Dvaxel.home="$home" \
      -jar "$home/target/vaxel.jar" generate -f "$work/staff-$n.yaml" -o "$work/out-$n-$r")")
    cps+=("$(secs cp -r "$work/out-$n-1" "$work/copy-$n-$r")")
  done
  regen=$(secs java -Xmx1g -Dvaxel.home="$home" -jar "$home/target/vaxel.jar" \
    generate -f "$work/staff-$n.yaml" -o "$work/out-$n-1")
  files=$(find "$work/out-$n-1" -type f | wc -l)
  heap=$(cat "$work"/gc-"$n"-*.log | grep -oE '[0-9]+M->[0-9]+M' | sed 's/M->.*//' | sort -n | tail -1)
  gen=$(median "${gens[@]}"); cp=$(median "${cps[@]}")
  printf '%-7s %-9s %-22s %-22s %-10.2f %-7.2f %s\n' "$n" "$files" "${gens[*]}" "${cps[*]}" \
    "$regen" "$(awk -v g="$gen" -v c="$cp" 'BEGIN { printf "%.2f", g / c }')" "${heap:-?}M"
done
