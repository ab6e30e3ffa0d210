#!/usr/bin/env bash
# The soak: the real console on the churning demo fleet (Jobs created and deleted, pods deleted
# and replaced, nodes failing and returning, cordons) for MINUTES (default 30) under Xvfb with a
# fixed heap. Every 30 s it records heap after a full GC, live threads, FX pulse gaps, heatmap
# frame times and the store's size; at the end it prints the table and the verdict (heap slope
# over the second half <= 4 MB per 10 min; frame time p99 of the last 5 min <= 2x the first 5 min;
# threads flat) and exits with the verdict (0 pass, 1 fail).
#
#   bench/soak.sh [MINUTES]
#   SOAK_XMX=1g SOAK_CHURN=1 SOAK_INTERVAL=30s SOAK_OUT=FILE.csv bench/soak.sh 30
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes="${1:-30}"
case "$minutes" in
  ''|*[!0-9]*) echo "soak.sh: MINUTES must be a whole number of minutes, got '$minutes'" >&2; exit 2 ;;
esac
heap="${SOAK_XMX:-1g}"
churn="${SOAK_CHURN:-1}"
interval="${SOAK_INTERVAL:-30s}"
out="${SOAK_OUT:-${TMPDIR:-/tmp}/gpufleet-soak-$(date -u +%Y%m%dT%H%M%SZ).csv}"
command -v xvfb-run >/dev/null || { echo "soak.sh: xvfb-run is missing (apt-get install xvfb)" >&2; exit 2; }

echo "soak: ${minutes} min on the demo fleet, churn x${churn}, -Xmx${heap}, a sample every ${interval}"
echo "machine: $(nproc) cores, load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
started=$(date +%s)
GPUFLEET_JAVA_OPTS="-Xms${heap} -Xmx${heap} ${GPUFLEET_JAVA_OPTS:-}" \
  xvfb-run -a -s "-screen 0 1920x1080x24" "$root/gpufleet" --demo --churn="$churn" \
  --soak "${minutes}m" --soak-interval "$interval" --soak-out "$out"
status=$?
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg); took $(( $(date +%s) - started )) s; samples: $out"
exit $status
