#!/usr/bin/env bash
# down.sh - tear down everything up.sh created, and nothing else:
#   1. thaw frozen cgroups and SIGCONT stopped daemons (else signals are never delivered)
#   2. SIGTERM every lab dockerd (pid from its pidfile, checked against its command line), wait
#   3. SIGKILL whatever is left in the lab cgroups (containerd, shims, orphaned containers), by pid
#   4. remove the lab cgroups, network namespaces (their veths, bridge, vxlan, iptables go along),
#      the guard route, leftover mounts, and the run and data folders.
# Safe to run when the lab is half up or already gone. Same knobs as up.sh (lib.sh).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ "$(id -u)" = 0 ] || die "must be root"

# 1) thaw / resume
for dd in $(lab_cgdirs); do
  if [ -f "$dd/freezer.state" ]; then
    find "$dd" -name freezer.state -exec sh -c 'echo THAWED > "$1"' _ {} \; 2> /dev/null || true
  fi
  if [ -f "$dd/cgroup.freeze" ]; then
    find "$dd" -name cgroup.freeze -exec sh -c 'echo 0 > "$1"' _ {} \; 2> /dev/null || true
  fi
done
for p in $(lab_pids); do kill -CONT "$p" 2> /dev/null || true; done

# 2) graceful stop of every lab dockerd, in parallel
dpids=()
for pf in "$RUN"/n*/dockerd.pid; do
  [ -f "$pf" ] || continue
  i=${pf#"$RUN"/n}
  i=${i%/dockerd.pid}
  if pid=$(dockerd_pid "$i"); then kill -TERM "$pid" 2> /dev/null && dpids+=("$pid"); fi
done
for _t in $(seq 1 $((GRACE * 10))); do
  alive=0
  for pid in "${dpids[@]}"; do
    if [ -d "/proc/$pid" ] && ! is_zombie "$pid"; then alive=1; fi
  done
  [ "$alive" = 0 ] && break
  sleep 0.1
done

log "dockerd stopped (${#dpids[@]} graceful)"

# 3) SIGKILL what is left inside the lab cgroups
for _round in $(seq 1 50); do
  left=$(lab_pids)
  [ -z "$left" ] && break
  for p in $left; do kill -KILL "$p" 2> /dev/null || true; done
  sleep 0.1
done
if [ -n "$(lab_pids)" ]; then echo "WARNING: processes still alive in lab cgroups: $(lab_pids | tr '\n' ' ')" >&2; fi

log "lab processes killed"

# 4) cgroups, deepest first (a killed process may linger a moment before its cgroup empties)
for _round in $(seq 1 20); do
  for dd in $(lab_cgdirs); do find "$dd" -depth -type d -exec rmdir {} \; 2> /dev/null || true; done
  [ -z "$(lab_cgdirs)" ] && break
  sleep 0.1
done

# 5) network namespaces; /run/netns becomes a bind mount with the first "ip netns add": drop it if empty
for ns in $(ip netns list | awk '{print $1}' | grep "^$P-" || true); do ip netns del "$ns" || true; done
if [ -z "$(ip netns list)" ] && mountpoint -q /run/netns; then
  if umount /run/netns 2> /dev/null; then rmdir /run/netns 2> /dev/null || true; fi
fi
ip route del unreachable "$NET.0/24" 2> /dev/null || true

# 6) leftover mounts in the root mount namespace (normally none: each dockerd has its own)
awk -v a="$RUN" -v b="$DATA" 'index($5, a"/")==1 || index($5, b"/")==1 || $5==a || $5==b {print $5}' /proc/self/mountinfo |
  sort -r | while read -r m; do umount -l "$m" 2> /dev/null || true; done

log "cgroups, namespaces, mounts removed"

# 7) run + data folders
rm -rf "$RUN" "$DATA"

# 8) report
leftover_netns=$(ip netns list | awk '{print $1}' | grep "^$P-" | tr '\n' ' ' || true)
echo "swarm-lab down in $(elapsed)s; leftovers: pids=[$(lab_pids | tr '\n' ' ')] netns=[$leftover_netns]" \
  "cgroups=[$(lab_cgdirs | tr '\n' ' ')] mounts=[$(grep -cE " ($RUN|$DATA)" /proc/self/mountinfo || true)]" >&2
