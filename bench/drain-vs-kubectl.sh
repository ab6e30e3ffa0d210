#!/usr/bin/env bash
# Wall time of `kubectl drain` and `gpufleet drain` on the same node of identical simulators
# (4 nodes, seed 42, node gpu-a100-a-001, as DrainCommandTest's parity check), side by side:
# each round starts one fresh simulator per contender and runs the contenders in turn.
#   bench/drain-vs-kubectl.sh [ROUNDS]      (default 5)
# OTHER=/path/to/another/checkout adds that checkout's ./gpufleet as a third contender (for a
# before/after comparison). Prints each time, then min/median/max per contender and the load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}" node=gpu-a100-a-001 work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
command -v kubectl >/dev/null || { echo "kubectl not found on PATH" >&2; exit 1; }
contenders=(kubectl gpufleet)
[ -n "${OTHER:-}" ] && contenders+=(other)

start_sim() { # $1: name; waits until its kubeconfig is written (it is, once the simulator answers)
  rm -f "$work/$1.yaml"
  "$root/gpufleet" sim --nodes 4 --seed 42 --kubeconfig-out "$work/$1.yaml" >"$work/$1.log" 2>&1 &
  echo $! >"$work/$1.pid"
}
await_sim() { while [ ! -s "$work/$1.yaml" ]; do sleep 0.2; done; }
drain() { # $1: contender; prints seconds
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  case "$1" in
    kubectl) kubectl --kubeconfig "$work/$1.yaml" --cache-dir "$work/cache" drain "$node" --ignore-daemonsets \
               --delete-emptydir-data --timeout=60s >"$work/$1.out" 2>&1 ;;
    gpufleet) "$root/gpufleet" drain "$node" --yes --delete-emptydir-data --timeout 60s \
               --kubeconfig "$work/$1.yaml" --audit-log "$work/audit.jsonl" >"$work/$1.out" 2>&1 ;;
    other) "$OTHER/gpufleet" drain "$node" --yes --delete-emptydir-data --timeout 60s \
               --kubeconfig "$work/$1.yaml" --audit-log "$work/audit.jsonl" >"$work/$1.out" 2>&1 ;;
  esac || rc=$?
  [ "$rc" -eq 0 ] || { echo "$1 exited $rc:" >&2; cat "$work/$1.out" >&2; }
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}'
}
for c in "${contenders[@]}"; do : >"$work/$c.times"; done
for ((r = 1; r <= rounds; r++)); do
  for c in "${contenders[@]}"; do start_sim "$c"; done
  for c in "${contenders[@]}"; do await_sim "$c"; done
  # Rotate who goes first, so no contender always meets the same load.
  order=("${contenders[@]:r % ${#contenders[@]}}" "${contenders[@]:0:r % ${#contenders[@]}}")
  line="round $r (load $(cut -d ' ' -f 1 /proc/loadavg)):"
  for c in "${order[@]}"; do
    s="$(drain "$c")"
    echo "$s" >>"$work/$c.times"
    line="$line $c ${s}s"
  done
  echo "$line"
  for c in "${contenders[@]}"; do kill "$(cat "$work/$c.pid")" 2>/dev/null || true; done
  wait 2>/dev/null || true
done
for c in "${contenders[@]}"; do
  sort -n "$work/$c.times" | awk -v c="$c" '{v[NR] = $1} END {printf "%-9s min %.2f  median %.2f  max %.2f s (%d runs)\n", c, v[1], v[int((NR + 1) / 2)], v[NR], NR}'
done
uptime
