#!/usr/bin/env bash
# chaos.sh - failure injection on ONE node of a lab made by up.sh. Acts on pids read from the
# node's pidfile and cgroup, never by process name.
#
#   chaos.sh kill I        SIGKILL node I's dockerd (containerd and containers keep running)
#   chaos.sh kill-all I    SIGKILL everything in node I's cgroup = power loss
#   chaos.sh start I       start node I's dockerd again (after kill, kill-all, stop); it rejoins
#   chaos.sh stop I        SIGTERM node I's dockerd and wait until it exited
#   chaos.sh restart I     stop, then start
#   chaos.sh net-down I    cut node I off the lab network (switch-side veth down)
#   chaos.sh net-up I      reconnect it
#   chaos.sh partition I   drop node I's traffic with nft in the switch netns (link stays up)
#   chaos.sh heal I        remove that rule
#   chaos.sh pause I       SIGSTOP node I's dockerd + containerd (containers keep running)
#   chaos.sh resume I      SIGCONT them
#   chaos.sh freeze I      freeze node I's whole cgroup (daemons and containers) = hung VM
#   chaos.sh thaw I        unfreeze
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ $# -eq 2 ] || die "usage: chaos.sh ACTION NODE (see the header of $0)"
act=$1
i=$2
if ! [[ "$i" =~ ^[0-9]+$ ]] || ! [ -d "$RUN/n$i" ]; then die "no lab node $i under $RUN"; fi

need_dockerd() { dockerd_pid "$i" || die "node $i: dockerd is not running"; }
daemon_pids() { # dockerd + containerd (+ shims) of node I
  if cg_v2; then cat "/sys/fs/cgroup/$P-n$i/daemon/cgroup.procs"; else cat "/sys/fs/cgroup/pids/$P-n$i/daemon/cgroup.procs"; fi
}
containerd_pid() { # the daemon-cgroup process whose parent is dockerd
  local d=$1 p
  for p in $(daemon_pids); do
    if [ "$(awk '{print $4}' "/proc/$p/stat" 2> /dev/null)" = "$d" ]; then echo "$p"; fi
  done
}
stop_dockerd() {
  local p
  p=$(need_dockerd)
  kill -TERM "$p"
  for _t in $(seq 1 $((GRACE * 3))); do gone "$p" && break; done
  gone "$p" || die "node $i: dockerd $p did not stop"
  echo "stopped dockerd $p"
}
set_freeze() { # $1 = 1 (freeze) or 0 (thaw)
  if cg_v2; then
    echo "$1" > "/sys/fs/cgroup/$P-n$i/cgroup.freeze"
  elif [ "$1" = 1 ]; then
    echo FROZEN > "/sys/fs/cgroup/freezer/$P-n$i/freezer.state"
  else
    echo THAWED > "/sys/fs/cgroup/freezer/$P-n$i/freezer.state"
  fi
}
nft_sw() { ip netns exec "$P-sw" nft "$@"; }

case $act in
  kill)
    p=$(need_dockerd)
    kill -KILL "$p"
    gone "$p" || true
    echo "killed dockerd $p"
    ;;
  kill-all)
    ps=$(node_pids "$i")
    for p in $ps; do kill -KILL "$p" 2> /dev/null || true; done
    for p in $ps; do gone "$p" || true; done
    echo "killed all of node $i"
    ;;
  stop) stop_dockerd ;;
  start) "$LAB_DIR/up.sh" start-node "$i" ;;
  restart)
    stop_dockerd
    "$LAB_DIR/up.sh" start-node "$i"
    ;;
  net-down) ip -n "$P-sw" link set "n$i" down ;;
  net-up) ip -n "$P-sw" link set "n$i" up ;;
  partition)
    nft_sw add table bridge swlab 2> /dev/null || true
    nft_sw 'add chain bridge swlab drops { type filter hook forward priority 0; }' 2> /dev/null || true
    nft_sw add rule bridge swlab drops iifname "n$i" drop
    nft_sw add rule bridge swlab drops oifname "n$i" drop
    ;;
  heal)
    for h in $(nft_sw -a list chain bridge swlab drops | awk -v n="\"n$i\"" '$0 ~ n {print $NF}'); do
      nft_sw delete rule bridge swlab drops handle "$h"
    done
    ;;
  pause | resume)
    d=$(need_dockerd)
    sig=STOP
    [ "$act" = resume ] && sig=CONT
    # shellcheck disable=SC2046 # one pid per word
    kill -"$sig" "$d" $(containerd_pid "$d")
    echo "$act: dockerd $d and its containerd"
    ;;
  freeze) set_freeze 1 ;;
  thaw) set_freeze 0 ;;
  *) die "unknown action $act (kill kill-all start stop restart net-down net-up partition heal pause resume freeze thaw)" ;;
esac
