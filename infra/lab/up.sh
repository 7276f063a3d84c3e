#!/usr/bin/env bash
# up.sh - a multi-node Docker Swarm on ONE Linux host (run as root).
#
# Each node has its own network namespace (own IP on a private lab bridge), UTS namespace (own
# hostname), mount namespace (a sysfs of its own netns), dockerd + containerd with its own
# --data-root, --exec-root, --pidfile and unix socket, and its own cgroup subtree.
# The bridge lives in a separate "switch" netns; the root netns gets only an "unreachable" guard
# route for the lab /24, so nothing addressed to the lab ever leaves the machine.
# Reach lab IPs from the switch netns:  nsenter --net=/run/netns/swl-sw <cmd>
#
# Usage:
#   up.sh                  bring up SWLAB_NODES nodes (default 4: 1 manager + 3 workers), form the swarm
#   up.sh start-node I     (re)start dockerd of node I in its existing namespaces; it rejoins by itself
# Knobs: see lib.sh (SWLAB_NODES, SWLAB_MANAGERS, SWLAB_HEARTBEAT, SWLAB_IMAGE, ...).
# Writes $SWLAB_RUN/env (default /run/swlab/env) with each node's socket, IP and hostname.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cg_create() {
  local i=$1 f c
  if cg_v2; then
    mkdir -p "/sys/fs/cgroup/$P-n$i/daemon"
    for c in cpu memory pids; do echo "+$c" > "/sys/fs/cgroup/$P-n$i/cgroup.subtree_control" 2>/dev/null || true; done
  else
    for f in $(cg_procs_files "$i"); do mkdir -p "$(dirname "$f")"; done
  fi
}

drop_stale_pidfile() { # $1 pidfile, $2 string the live owner's command line must contain
  [ -f "$1" ] || return 0
  local p; p=$(cat "$1")
  if is_zombie "$p" || ! tr '\0' ' ' 2> /dev/null < "/proc/$p/cmdline" | grep -q -- "$2"; then rm -f "$1"; fi
}

# start dockerd of node I inside its namespaces
start_node() {
  local i=$1 ns=$P-n$1 rd=$RUN/n$1 submounts
  [ -e "/run/netns/$ns" ] || die "node $i has no netns $ns: run up.sh first"
  mkdir -p "$rd/exec" "$DATA/n$i"
  [ -f "$rd/daemon.json" ] || echo '{}' > "$rd/daemon.json" # ignore /etc/docker/daemon.json
  # A SIGKILLed dockerd/containerd leaves its pidfile; dockerd refuses to start (or waits 60 s for a
  # dead containerd) while it names a live or zombie pid. Drop pidfiles no live process owns.
  drop_stale_pidfile "$rd/dockerd.pid" "--pidfile $rd/dockerd.pid"
  drop_stale_pidfile "$rd/exec/containerd/containerd.pid" "$rd/exec/containerd/containerd.toml"
  cg_create "$i"
  # /sys submounts (cgroup, securityfs, bpf, ...) that must survive the fresh netns-aware sysfs
  submounts=$(awk '$5 ~ "^/sys/" {print $5}' /proc/self/mountinfo | sort -u |
    awk 'NR==1 || index($0, prev"/") != 1 {print; prev=$0}')
  # nsenter joins the node netns; unshare gives a private mount + UTS ns. Not "ip netns exec":
  # dockerd then dies with "Devices cgroup isn't mounted".
  # shellcheck disable=SC2016 # the inner script expands its own positional parameters
  setsid nsenter --net="/run/netns/$ns" -- \
    unshare --mount --uts --propagation slave -- /bin/sh -ec '
      rd=$1; host=$2; cgfiles=$3; submounts=$4; shift 4
      for f in $cgfiles; do echo $$ > "$f"; done
      hostname "$host"
      k=0; for m in $submounts; do k=$((k+1)); mkdir -p "$rd/mnt/$k"; mount --rbind "$m" "$rd/mnt/$k"; done
      mount -t sysfs sysfs /sys
      k=0; for m in $submounts; do k=$((k+1)); mount --move "$rd/mnt/$k" "$m"; done
      exec env DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 "$@"
    ' sh "$rd" "$ns" "$(cg_procs_files "$i" | tr '\n' ' ')" "$submounts" \
    dockerd \
    --config-file "$rd/daemon.json" \
    --host "$(sock "$i")" \
    --data-root "$DATA/n$i" \
    --exec-root "$rd/exec" \
    --pidfile "$rd/dockerd.pid" \
    --exec-opt native.cgroupdriver=cgroupfs \
    --cgroup-parent "/$P-n$i" \
    --swarm-default-advertise-addr "$(ip_of "$i")" \
    >> "$rd/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$rd/launcher.pid"
}

wait_node() {
  local i=$1 _t
  for _t in $(seq 1 300); do
    if d "$i" version --format '{{.Server.Version}}' > /dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "node $i: dockerd did not come up, see $RUN/n$i/dockerd.log" >&2
  tail -20 "$RUN/n$i/dockerd.log" >&2 || true
  return 1
}

if [ "${1:-}" = start-node ]; then
  [ -n "${2:-}" ] || die "usage: up.sh start-node I"
  start_node "$2"
  wait_node "$2"
  log "node $2 dockerd up (pid $(cat "$RUN/n$2/dockerd.pid"))"
  exit 0
fi
[ $# -eq 0 ] || die "usage: up.sh | up.sh start-node I"

# ---------------------------------------------------------------- full bring-up
[ "$(id -u)" = 0 ] || die "must be root"
for c in ip nsenter unshare setsid chroot tar hostname dockerd containerd runc "$DOCKER"; do
  command -v "$c" > /dev/null || die "missing command: $c"
done
if [ "$N" -lt 1 ] || [ "$MANAGERS" -lt 1 ] || [ "$MANAGERS" -gt "$N" ]; then die "need 1 <= SWLAB_MANAGERS <= SWLAB_NODES"; fi
if ip netns list | grep -q "^$P-"; then die "lab '$P' already exists; run $LAB_DIR/down.sh first"; fi
mkdir -p "$RUN" "$DATA"

# 0) guard route: lab addresses are unreachable from the root netns (removed by down.sh)
ip route replace unreachable "$NET.0/24"

# 1) network: switch netns with bridge br0 (.1 = client address), one veth per node
ip netns add "$P-sw"
ip -n "$P-sw" link set lo up
ip -n "$P-sw" link add br0 type bridge
ip -n "$P-sw" addr add "$NET.1/24" dev br0
ip -n "$P-sw" link set br0 up
for i in $(seq 1 "$N"); do
  ip netns add "$P-n$i"
  ip -n "$P-sw" link add "n$i" type veth peer name eth0 netns "$P-n$i"
  ip -n "$P-sw" link set "n$i" master br0 up
  ip -n "$P-n$i" link set lo up
  ip -n "$P-n$i" addr add "$(ip_of "$i")/24" dev eth0
  ip -n "$P-n$i" link set eth0 up
done
log "network namespaces + bridge ready"

# 2) one dockerd per node, in parallel
for i in $(seq 1 "$N"); do start_node "$i"; done
for i in $(seq 1 "$N"); do wait_node "$i"; done
log "$N dockerd up"

# 3) swarm: init on node 1, join managers, then workers in parallel
d 1 swarm init --advertise-addr "$(ip_of 1)" --listen-addr "$(ip_of 1):2377" \
  --dispatcher-heartbeat "$HB" > /dev/null
MTOKEN=$(d 1 swarm join-token -q manager)
WTOKEN=$(d 1 swarm join-token -q worker)
for i in $(seq 2 "$MANAGERS"); do
  d "$i" swarm join --token "$MTOKEN" --advertise-addr "$(ip_of "$i")" \
    --listen-addr "$(ip_of "$i"):2377" "$(ip_of 1):2377" > /dev/null
done
pids=()
for i in $(seq $((MANAGERS + 1)) "$N"); do
  d "$i" swarm join --token "$WTOKEN" --advertise-addr "$(ip_of "$i")" "$(ip_of 1):2377" > /dev/null &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
log "swarm formed (heartbeat $HB)"

# 4) the test image on every node, made FROM scratch out of the static busybox: a root filesystem
#    with /bin/busybox and one symlink per applet (made by busybox itself, chrooted, so the links
#    point at /bin/busybox), imported on every node in parallel. No registry, no build container.
pids=()
if [ -n "$IMAGE_TAR" ]; then
  for i in $(seq 1 "$N"); do
    d "$i" load -q -i "$IMAGE_TAR" > /dev/null &
    pids+=($!)
  done
else
  [ -x "$BUSYBOX" ] || die "no static busybox at $BUSYBOX (apt-get install busybox-static)"
  rootfs=$RUN/busybox-rootfs
  rm -rf "$rootfs"
  mkdir -p "$rootfs/bin" "$rootfs/sbin" "$rootfs/usr/bin" "$rootfs/usr/sbin" "$rootfs/tmp"
  chmod 1777 "$rootfs/tmp"
  cp "$BUSYBOX" "$rootfs/bin/busybox"
  chroot "$rootfs" /bin/busybox --install -s
  rm -f "$rootfs/linuxrc"
  tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -cf "$DATA/busybox-rootfs.tar" .
  for i in $(seq 1 "$N"); do
    d "$i" import --change 'CMD ["/bin/sh"]' --message "swarm-lab busybox" \
      "$DATA/busybox-rootfs.tar" "$IMAGE" > /dev/null &
    pids+=($!)
  done
fi
for p in "${pids[@]}"; do wait "$p"; done
log "image $IMAGE on all nodes"

# 5) node labels for placement tests: lab.node=nI, lab.role=manager|worker (in parallel)
label_node() {
  local i=$1 id role=worker
  [ "$i" -le "$MANAGERS" ] && role=manager
  id=$(d "$i" info --format '{{.Swarm.NodeID}}')
  d 1 node update --label-add "lab.node=n$i" --label-add "lab.role=$role" "$id" > /dev/null
}
pids=()
for i in $(seq 1 "$N"); do
  label_node "$i" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

# 6) wait until every node is Ready (max 30 s), then write the env file for tests
ready=0
for _t in $(seq 1 150); do
  ready=$(d 1 node ls --format '{{.Status}}' | grep -c '^Ready$' || true)
  [ "$ready" -ge "$N" ] && break
  sleep 0.2
done
[ "$ready" -ge "$N" ] || die "only $ready/$N nodes Ready after 30 s"
{
  echo "SWLAB_PREFIX=$P"
  echo "SWLAB_NODES=$N"
  echo "SWLAB_MANAGERS=$MANAGERS"
  echo "SWLAB_HEARTBEAT=$HB"
  echo "SWLAB_IMAGE=$IMAGE"
  echo "SWLAB_CLIENT_NETNS=$P-sw"
  echo "SWLAB_CLIENT_IP=$NET.1"
  for i in $(seq 1 "$N"); do
    echo "SWLAB_N${i}_HOST=$(sock "$i")"
    echo "SWLAB_N${i}_IP=$(ip_of "$i")"
    echo "SWLAB_N${i}_HOSTNAME=$P-n$i"
    echo "SWLAB_N${i}_NETNS=$P-n$i"
    echo "SWLAB_N${i}_DOCKERD_PID=$(cat "$RUN/n$i/dockerd.pid")"
  done
} > "$RUN/env"
log "done in $(elapsed)s: $ready/$N nodes Ready. Manager: DOCKER_HOST=$(sock 1) (env file: $RUN/env)"
