# shellcheck shell=bash
# lib.sh - settings and helpers shared by up.sh, down.sh and chaos.sh. Sourced, never run.
# Every knob is an environment variable with a default:
#   SWLAB_NODES=4  SWLAB_MANAGERS=1  SWLAB_PREFIX=swl  SWLAB_NET=10.213.0
#   SWLAB_RUN=/run/swlab  SWLAB_DATA=/var/lib/swlab  SWLAB_HEARTBEAT=5s
#   SWLAB_IMAGE=swarmops/busybox:test  SWLAB_IMAGE_TAR=  SWLAB_BUSYBOX=/bin/busybox
#   SWLAB_STOP_GRACE=10  DOCKER=docker

# shellcheck disable=SC2034 # used by the scripts that source this file
{
N=${SWLAB_NODES:-4}
MANAGERS=${SWLAB_MANAGERS:-1}
P=${SWLAB_PREFIX:-swl}
NET=${SWLAB_NET:-10.213.0}
RUN=${SWLAB_RUN:-/run/swlab}
DATA=${SWLAB_DATA:-/var/lib/swlab}
HB=${SWLAB_HEARTBEAT:-5s}
IMAGE=${SWLAB_IMAGE:-swarmops/busybox:test}
IMAGE_TAR=${SWLAB_IMAGE_TAR:-}
BUSYBOX=${SWLAB_BUSYBOX:-/bin/busybox}
GRACE=${SWLAB_STOP_GRACE:-10}
DOCKER=${DOCKER:-docker}
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
}
T0=$(date +%s.%N)

log() { awk -v t0="$T0" -v t1="$(date +%s.%N)" -v m="$*" 'BEGIN{printf "[swarm-lab %6.1fs] %s\n", t1-t0, m}' >&2; }
die() { echo "swarm-lab: $*" >&2; exit 1; }
elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }

ip_of() { echo "$NET.$((10 + $1))"; }
sock() { echo "unix://$RUN/n$1/docker.sock"; }
d() { local i=$1; shift; "$DOCKER" -H "$(sock "$i")" "$@"; }

cg_v2() { [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; }

# all cgroup directories of the lab (cgroup v2: one tree; v1: one per hierarchy)
lab_cgdirs() {
  if cg_v2; then ls -d /sys/fs/cgroup/"$P"-n* 2>/dev/null || true
  else ls -d /sys/fs/cgroup/*/"$P"-n* 2>/dev/null || true; fi
}

# the cgroup.procs files node I's daemons are written into
cg_procs_files() {
  local i=$1 c
  if cg_v2; then echo "/sys/fs/cgroup/$P-n$i/daemon/cgroup.procs"; return; fi
  for c in pids memory freezer cpu cpuacct cpu,cpuacct; do
    if [ -d "/sys/fs/cgroup/$c" ] && ! [ -L "/sys/fs/cgroup/$c" ]; then
      echo "/sys/fs/cgroup/$c/$P-n$i/daemon/cgroup.procs"
    fi
  done
}

# the pids cgroup root of node I (v1) or its v2 directory
node_cgroot() { if cg_v2; then echo "/sys/fs/cgroup/$P-n$1"; else echo "/sys/fs/cgroup/pids/$P-n$1"; fi; }

# every pid of node I (dockerd, containerd, shims, containers)
node_pids() {
  local root; root=$(node_cgroot "$1")
  [ -d "$root" ] || return 0
  find "$root" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -un
}

# every pid inside any lab cgroup
lab_pids() {
  local dd
  for dd in $(lab_cgdirs); do find "$dd" -name cgroup.procs -exec cat {} + 2>/dev/null; done | sort -un
}

is_zombie() { [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

# wait (max 10 s) until a pid is gone or a zombie
gone() {
  local _t
  for _t in $(seq 1 100); do
    [ -d "/proc/$1" ] || return 0
    is_zombie "$1" && return 0
    sleep 0.1
  done
  return 1
}

# the live dockerd pid of node I, read from its pidfile and checked against its command line
dockerd_pid() {
  local pidf=$RUN/n$1/dockerd.pid p
  [ -f "$pidf" ] || return 1
  p=$(cat "$pidf")
  is_zombie "$p" && return 1
  tr '\0' ' ' 2> /dev/null < "/proc/$p/cmdline" | grep -q -- "--pidfile $pidf" || return 1
  echo "$p"
}
