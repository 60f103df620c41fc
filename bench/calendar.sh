#!/usr/bin/env bash
# Benchmark of the calendar sources (docs/calendar-sources.md): N people's CalDAV calendars in
# the real Radicale (scripts/radicale-sandbox), read once with an empty state directory and
# once more with nothing changed, which must cost one PROPFIND per person and download nothing.
# A benchmark, not a test.
#
# Usage: bench/calendar.sh [N] [CONCURRENCY]   (default: 10000 people, 16 at a time)
# The calendars bench-00001 ... are written straight into Radicale's storage (a PUT each
# would take longer than the benchmark), once; later runs reuse them. Each has two events,
# one of them a Trio-coded absence. The state directory is temporary.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-10000}
concurrency=${2:-16}
"$home/scripts/radicale-sandbox" start
eval "$("$home/scripts/radicale-sandbox" env)"

python3 - "$VAXEL_RADICALE_STORAGE" "$n" <<'PY'
import os, sys, time
root, n = sys.argv[1], int(sys.argv[2])
start, made = time.time(), 0
for i in range(1, n + 1):
    person = "bench-%05d" % i
    cal = os.path.join(root, person, "calendar")
    if os.path.exists(os.path.join(cal, ".Radicale.props")):
        continue
    os.makedirs(cal, exist_ok=True)
    for name, summary, day in (("a", "SEM: kurs", 1 + i % 28), ("b", "Lunch", 1 + (i + 7) % 28)):
        with open(os.path.join(cal, name + ".ics"), "w", newline="") as f:
            f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//vaxel bench//EN\r\n"
                    "BEGIN:VEVENT\r\nUID:%s-%s@bench\r\nDTSTAMP:20261130T080000Z\r\n"
                    "DTSTART:202612%02dT080000Z\r\nDTEND:202612%02dT100000Z\r\n"
                    "SUMMARY:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                    % (person, name, day, day, summary))
    with open(os.path.join(cal, ".Radicale.props"), "w") as f:
        f.write('{"tag": "VCALENDAR"}')
    made += 1
print("calendars: %d made in %.1f s, %d there already" % (made, time.time() - start, n - made))
PY

(cd "$home" && mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath >&2)
classpath="$home/target/classes:$(<"$home/target/bench-classpath")"
echo "host: $(nproc) cores, $(radicale --version 2>&1 | head -1 | sed 's/^/Radicale /'), $(java -version 2>&1 | head -1)"
state=$(mktemp -d /var/tmp/vaxel-bench-calendar.XXXXXX)
trap 'rm -rf --one-file-system "$state"' EXIT
java -cp "$classpath" "$home/bench/CalendarBench.java" "$VAXEL_RADICALE_URL" \
    "$VAXEL_RADICALE_CREDENTIALS" "$n" "$state/calendar" "$concurrency"
