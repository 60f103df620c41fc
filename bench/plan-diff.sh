#!/usr/bin/env bash
# plan-diff: what `vaxel plan` pays for each file's unified diff (se.vaxel.diff.UnifiedDiff),
# for a voicemail fragment of N mailboxes: created, 1 % of lines changed, every line changed.
# Usage: bench/plan-diff.sh [N...]   (default 10000 50000 180000; run mvn -q compile first)
set -euo pipefail
cd "$(dirname "$0")/.."
cp=target/classes:$(ls ~/.m2/repository/io/github/java-diff-utils/java-diff-utils/4.16/java-diff-utils-4.16.jar)
for n in "${@:-10000 50000 180000}"; do
    for one in $n; do java -Xmx2g -cp "$cp" bench/PlanDiffBench.java "$one"; done
done
