#!/usr/bin/env bash
# First sync of a big cluster in the real console: starts `gpufleet sim` with NODES nodes and
# PODS pods in the background, then opens the console on it under Xvfb with a fixed heap in
# bench mode (`gpufleet --kubeconfig K --bench-sync`), which prints the time to the first full
# inventory (nodes and pods) and to the first complete telemetry (every dcgm-exporter read
# once), the heap after a full GC at both points and the most any GC left in use, the longest
# JavaFX pulse gap while it synced, the progress the connection reported, and a verdict
# against the goals (inventory <= 60 s, heap <= 1.5 GiB, no pulse gap over 250 ms).
#   bench/scale.sh [NODES] [PODS] [HEAP...]        (default: 12500 200000 1536m)
# Several heaps (e.g. `bench/scale.sh 12500 200000 1536m 1g 768m`) run one after another
# against the same simulator, to find the smallest heap that still syncs. Prints the load
# average before and after each run, and the CPU time the console and the simulator spent
# (on a busy machine wall times stretch; CPU seconds say what the work costs). The console's
# and simulator's output stay in $WORK (default: a temporary folder, removed at the end
# unless KEEP=1). The console gives up after 15 minutes (exit 1).
# Needs xvfb-run (apt-get install xvfb) and a JDK 25; builds once through ./gpufleet.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes="${1:-12500}" pods="${2:-200000}"
shift $(($# < 2 ? $# : 2))
heaps=("$@")
[ ${#heaps[@]} -gt 0 ] || heaps=(1536m)
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  [ "${KEEP:-}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
command -v xvfb-run >/dev/null || { echo "scale.sh: xvfb-run not found (apt-get install xvfb)" >&2; exit 1; }

echo "scale.sh: $nodes nodes, $pods pods; load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
# The simulator is a separate process with its own heap, as a real API server would be.
t0=$(date +%s.%N)
GPUFLEET_JAVA_OPTS="${SIM_JAVA_OPTS:--Xmx2g}" "$root/gpufleet" sim --nodes "$nodes" --pods "$pods" \
  --kubeconfig-out "$work/kubeconfig.yaml" >"$work/sim.log" 2>&1 &
sim_pid=$!
while [ ! -s "$work/kubeconfig.yaml" ]; do
  kill -0 "$sim_pid" 2>/dev/null || { echo "scale.sh: the simulator stopped:" >&2; cat "$work/sim.log" >&2; exit 1; }
  sleep 0.5
done
echo "simulator answering after $(echo "$t0 $(date +%s.%N)" | awk '{printf "%.1f", $2 - $1}') s: $(head -n 1 "$work/sim.log")"

cpu_seconds() { # user+system CPU seconds of process $1 so far
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}
status=0
for heap in "${heaps[@]}"; do
  sim_cpu_before=$(cpu_seconds "$sim_pid")
  echo "--- console with -Xmx$heap; load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
  t0=$(date +%s.%N)
  # A fresh HOME keeps the person's settings and history out of the measurement.
  if HOME="$work/home-$heap" GPUFLEET_JAVA_OPTS="-Xmx$heap ${CONSOLE_JAVA_OPTS:-}" \
      xvfb-run -a -s "-screen 0 1920x1080x24" /usr/bin/time -f "console CPU %U s user + %S s system, max RSS %M KB" \
      "$root/gpufleet" --kubeconfig "$work/kubeconfig.yaml" --bench-sync >"$work/console-$heap.log" 2>&1; then
    grep -v '^ *[0-9.]* s  in the console' "$work/console-$heap.log" | grep -v -e '^\[' -e '^console CPU' || true
  else
    status=$?
    echo "console with -Xmx$heap failed (exit $status):"
    grep -E 'OutOfMemoryError|verdict|gpufleet:|first' "$work/console-$heap.log" | head -n 5 || true
    tail -n 3 "$work/console-$heap.log"
  fi
  echo "wall time $(echo "$t0 $(date +%s.%N)" | awk '{printf "%.1f", $2 - $1}') s (JVM start included);" \
    "load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
  grep -h '^console CPU' "$work/console-$heap.log" || true
  echo "simulator CPU while it served: $(echo "$sim_cpu_before $(cpu_seconds "$sim_pid")" | awk '{printf "%.1f", $2 - $1}') s"
done
sim_rss=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$sim_pid/status" 2>/dev/null || echo "?")
echo "simulator peak RSS: $sim_rss"
exit "$status"
