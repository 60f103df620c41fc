#!/usr/bin/env bash
# Benchmark of apply with several organisations on one PBX (issue 9): how long an apply of two
# organisations takes against one, and against applying them one after the other (one reload
# per organisation), with the AMI round trips of each. A benchmark, not a test: it prints
# figures. Needs root (the Asterisk sandbox is a chroot).
#
# Usage: bench/platform-apply.sh [N]     (N people per organisation, default 2000)
#
# Uses the sandbox named by VAXEL_SANDBOX_DIR / VAXEL_SANDBOX_PORT (default: the shared one),
# which it resets first. bench/PlatformApply.java says what is timed.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-2000}
(cd "$home" && mvn -B -q -o compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath >&2)
classpath="$home/target/classes:$(<"$home/target/bench-classpath")"
work=$(mktemp -d /var/tmp/vaxel-bench-platform.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT

"$home/scripts/asterisk-sandbox" reset >&2
"$home/scripts/asterisk-sandbox" start >&2
eval "$("$home/scripts/asterisk-sandbox" env)"
etc="$VAXEL_SANDBOX_ROOT/etc/asterisk"
sed -i '/^\[vaxel\]$/a writetimeout = 10000' "$etc/manager.conf"
chroot "$VAXEL_SANDBOX_ROOT" /usr/sbin/asterisk -rx 'manager reload' >/dev/null

# Two organisations with their own ids (so their own contexts) and disjoint extensions.
org() { # id extension-prefix
  "$home/bench/synthetic-staff.sh" "$n" \
    | sed -e "s/^organisation:\$/organisation:\n  id: $1/" \
          -e '/^  voicemail-context:/d' -e '/^  dialplan-context:/d' \
          -e "s/extension: \"1\([0-9]*\)\"/extension: \"$2\1\"/"
}
org alfa 2 > "$work/a.yaml"; org beta 3 > "$work/b.yaml"
for x in a b; do sed 's/^\(    last-name: .*\)$/\1son/' "$work/$x.yaml" > "$work/${x}2.yaml"; done
echo "people per organisation: $n"
java -Xmx1g -cp "$classpath" "$home/bench/PlatformApply.java" 127.0.0.1 "$VAXEL_AMI_PORT" \
  "$VAXEL_AMI_USER" "$VAXEL_AMI_SECRET_FILE" "$etc" \
  "$work/a.yaml" "$work/a2.yaml" "$work/b.yaml" "$work/b2.yaml"
