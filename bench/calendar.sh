#!/usr/bin/env bash
# Benchmark of the calendar sources and the sync (docs/calendar-sources.md): N people's CalDAV
# calendars in the real Radicale (scripts/radicale-sandbox).
#   sources: read once with an empty state directory and once more with nothing changed,
#            which must cost one PROPFIND per person and download nothing;
#   sync:    `vaxel calendar sync` of a staff.yaml of the same N people against the real
#            Asterisk (scripts/asterisk-sandbox, root), twice: the second must write nothing
#            to the PBX. Overrides go to the AstDB family vaxel-bench-absence, emptied first.
# A benchmark, not a test.
#
#   speech:  with a fourth argument `speech`, the staff.yaml has a speech: block (espeak-ng,
#            sounds into the temporary directory): the first sync makes one announcement per
#            absence written, the second must make none (docs/speech.md).
#
# Usage: bench/calendar.sh [N] [CONCURRENCY] [sources|sync|both] [speech]
#        (default: 10000 people, 16 at a time, both, no speech)
# The calendars bench-00001 ... are written straight into Radicale's storage (a PUT each
# would take longer than the benchmark), once; later runs reuse them. Each has two events,
# one of them a Trio-coded absence. The state directory is temporary.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-10000}
concurrency=${2:-16}
what=${3:-both}
speech=${4:-}
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
if [[ $what == sources || $what == both ]]; then
    java -cp "$classpath" "$home/bench/CalendarBench.java" "$VAXEL_RADICALE_URL" \
        "$VAXEL_RADICALE_CREDENTIALS" "$n" "$state/calendar" "$concurrency"
fi
[[ $what == sync || $what == both ]] || exit 0

"$home/scripts/asterisk-sandbox" start
eval "$("$home/scripts/asterisk-sandbox" env)"
"$home/scripts/asterisk-sandbox" cli 'database deltree vaxel-bench-absence' >/dev/null
{
    cat <<YAML
organisation:
  name: Bänkeby kommun
  place: Bänkeby
  switchboard: "100"
  phone: "0900-100 00"
  functional-mailbox: kommunen@bankeby.se
  language: sv
  timezone: Europe/Stockholm
asterisk:
  dialplan-context: vaxel-bench-staff
  voicemail-context: vaxel-bench
  hints: false
calendar:
  source:
    kind: caldav
    url: $VAXEL_RADICALE_URL/{id}/calendar/
    credentials: $VAXEL_RADICALE_CREDENTIALS
    timeout: 30
YAML
    if [[ $speech == speech ]]; then
        mkdir -p "$state/sounds"
        printf 'speech:\n  sounds-dir: %s/sounds\n' "$state"
    fi
    echo "staff:"
    awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++)
        printf "  - id: bench-%05d\n    first-name: Person\n    last-name: Nummer%d\n    extension: \"1%05d\"\n    email: bench-%05d@bankeby.se\n", i, i, i, i }'
} >"$state/staff.yaml"
astdb_count() {
    "$home/scripts/asterisk-sandbox" cli 'database show vaxel-bench-absence' | sed -n 's/^\([0-9]*\) results found.*/\1/p'
}
for run in "first sync (empty state)" "second sync (nothing changed)"; do
    touch "$state/mark"
    sleep 0.01
    start=$(date +%s.%N)
    code=0
    java -cp "$classpath" se.vaxel.cli.Main calendar sync -f "$state/staff.yaml" \
        --state-dir "$state/sync" >"$state/out" 2>"$state/err" || code=$?
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    printf '%-30s %6.1f s  exit %d  %s  (AstDB overrides now: %s)\n' "$run" "$seconds" "$code" \
        "$(tail -n 1 "$state/out")" "$(astdb_count)"
    if [[ $speech == speech ]]; then
        echo "  sound files: $(find "$state/sounds" -name 'announce-*.wav' 2>/dev/null | wc -l)," \
            "made in this run: $(find "$state/sounds" -name 'announce-*.wav' -newer "$state/mark" \
            2>/dev/null | wc -l)"
    fi
    head -n 3 "$state/err"
done
