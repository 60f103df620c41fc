#!/usr/bin/env bash
# Benchmark of the spoken absence (docs/speech.md): how long espeak-ng, our resampling and the
# atomic write take per announcement, and how long a second run takes when every file is there
# already (what a nightly apply of unchanged absences costs). A benchmark, not a test.
#
# Usage: bench/speech.sh [N] [THREADS ...]   (default: 200 sentences, on 1 and 2 threads)
# Needs espeak-ng (apt-get install espeak-ng). Writes into a temporary directory only.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-200}; shift || true
threads=("$@"); [[ ${#threads[@]} -gt 0 ]] || threads=(1 2)
command -v espeak-ng >/dev/null || { echo "bench/speech.sh: apt-get install espeak-ng" >&2; exit 2; }
(cd "$home" && mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath >&2)
classpath="$home/target/classes:$(<"$home/target/bench-classpath")"
echo "host: $(nproc) cores, $(espeak-ng --version | head -1)"
for t in "${threads[@]}"; do
  work=$(mktemp -d /var/tmp/vaxel-bench-speech.XXXXXX)
  java -cp "$classpath" "$home/bench/SpeechBench.java" "$n" "$t" "$work"
  rm -rf --one-file-system "$work"
done
