#!/usr/bin/env bash
# Benchmark of vaxel serve's people list (docs/serve.md): build, size and search with N people.
# A benchmark, not a test. Usage: bench/serve-list.sh [N]   (default 50000)
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-50000}
(cd "$home" && mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath >&2)
classpath="$home/target/classes:$(<"$home/target/bench-classpath")"
work=$(mktemp -d /var/tmp/vaxel-bench-serve.XXXXXX)
"$home/bench/synthetic-staff.sh" "$n" > "$work/staff.yaml"
echo "host: $(nproc) cores"
java -Xmx1g -cp "$classpath" "$home/bench/ServeBench.java" "$work/staff.yaml"
rm -rf --one-file-system "$work"
