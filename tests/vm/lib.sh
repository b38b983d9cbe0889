# SPDX-License-Identifier: GPL-2.0
# Helpers for the integration tests, sourced by each test in the guest.
# A test runs in its own empty directory under /tmp and fails by exiting
# non-zero; fail() says why.
set -eu

KO=/c2audit.ko
COLLECT_PID=""
AUDITD_PID=""
SCRATCH=""

fail() {
	echo "FAIL: $*"
	exit 1
}

# Runs on exit, under set -e: nothing here may fail the test.
cleanup() {
	if [ -n "$COLLECT_PID" ]; then
		kill "$COLLECT_PID" 2>/dev/null || true
	fi
	if [ -n "$AUDITD_PID" ]; then
		kill -CONT "$AUDITD_PID" 2>/dev/null || true
		kill "$AUDITD_PID" 2>/dev/null || true
		wait "$AUDITD_PID" 2>/dev/null || true
	fi
	if [ -n "$SCRATCH" ]; then
		umount "$SCRATCH" 2>/dev/null || true
	fi
	if [ -n "${NOISE_PID:-}" ]; then
		kill "$NOISE_PID" 2>/dev/null || true
	fi
	unload_module >/dev/null 2>&1 || true
}
trap cleanup EXIT

# unload_module: rmmod refuses ("in use") while audited calls are in their
# hooks; with auditing off they end, and it is tried again for a while.
unload_module() {
	rmmod c2audit 2>/dev/null && return 0
	c2audit set enabled=no >/dev/null 2>&1 || true
	for _ in $(seq 100); do
		rmmod c2audit 2>/dev/null && return 0
		sleep 0.1
	done
	rmmod c2audit
}

# A debug kernel (kmemleak, KASAN, lockdep) does the same work many times
# as slowly: tests scale their time bounds and loop counts by it, never
# what they assert.
debug_kernel() {
	[ -e /sys/kernel/debug/kmemleak ]
}

load_module() {
	insmod "$KO" "$@" || fail "insmod $*"
	[ -c /dev/audit ] || fail "no /dev/audit after insmod"
}

# start_collect FILE [collect options]: attach a reader writing to FILE.
start_collect() {
	out=$1
	shift
	rm -f "$out.ready"
	collect "$@" "$out" &
	COLLECT_PID=$!
	for _ in $(seq 100); do
		[ -e "$out.ready" ] && return 0
		kill -0 "$COLLECT_PID" 2>/dev/null || fail "collect did not start"
		sleep 0.1
	done
	fail "collect did not attach"
}

stop_collect() {
	# Give the last captures time to reach the rings before the drain.
	sleep 0.3
	kill -TERM "$COLLECT_PID"
	wait "$COLLECT_PID" || fail "collect failed"
	COLLECT_PID=""
}

# run_wl ARGS: run a workload in the background, as a child of this shell,
# and set WL_PID to its pid.
run_wl() {
	wl "$@" >wl.out &
	WL_PID=$!
	wait "$WL_PID" || fail "workload wl $* failed: $(cat wl.out)"
}

# expect_event FILE KEY=VALUE...: at least one event has all those fields.
expect_event() {
	file=$1
	shift
	n=$(reccheck grep "$file" "$@" | wc -l)
	if [ "$n" -lt 1 ]; then
		echo "no event with: $*"
		echo "events of the same pid:"
		for kv in "$@"; do
			case "$kv" in pid=*) reccheck grep "$file" "$kv" ;; esac
		done
		fail "missing event"
	fi
	echo "found: $*"
}

# expect_none FILE KEY=VALUE...: no event has all those fields.
expect_none() {
	file=$1
	shift
	n=$(reccheck grep "$file" "$@" | wc -l)
	[ "$n" = 0 ] || fail "$n unexpected events with: $*"
}

# lost_in IDS-OUTPUT: the ids `reccheck ids` found lost, summed over CPUs.
lost_in() {
	awk '{ for (i = 1; i < NF; i++) if ($i == "lost") s += $(i + 1) } END { print s + 0 }' "$1"
}

# make_tree DIR DIRS FILES: DIRS directories of FILES small files each.
make_tree() {
	for d in $(seq "$2"); do
		mkdir -p "$1/d$d"
		for f in $(seq "$3"); do
			echo "line of d$d/f$f" >"$1/d$d/f$f"
		done
	done
}

# status_total NAME: a number from `c2audit status --json` totals.
status_total() {
	c2audit status --json | sed -n "s/.*\"total\":{[^}]*\"$1\":\([0-9]*\).*/\1/p"
}

# wait_status FIELD MIN [SECONDS]: until the module's total FIELD is at
# least MIN, looking twice a second (fails after SECONDS, 120 by default):
# a debug kernel takes many times as long as Debian's to fill a ring.
wait_status() {
	for _ in $(seq $((${3:-120} * 2))); do
		[ "$(status_total "$1")" -ge "$2" ] && return 0
		sleep 0.5
	done
	fail "$1 did not reach $2 in ${3:-120} s"
}

# auditd_conf DIR [KEY=VALUE...]: ./auditd.conf for c2auditd, the trail in
# DIR; no rules file, no free-space thresholds and no Linux audit messages
# (kernel_audit) unless given.
auditd_conf() {
	conf_dir=$1
	shift
	{
		echo "log_dir = $conf_dir"
		for kv in rules_file=none space_left=0 admin_space_left=0 kernel_audit=off; do
			case " $* " in *" ${kv%%=*}="*) ;; *) set -- "$@" "$kv" ;; esac
		done
		for kv in "$@"; do
			echo "${kv%%=*} = ${kv#*=}"
		done
	} >auditd.conf
}

# start_auditd [OPTIONS]: c2auditd -d on ./auditd.conf in the background
# (AUDITD_PID), logging to ./auditd.log; returns once it reads the device.
start_auditd() {
	: >>auditd.log
	before=$(grep -c 'started:' auditd.log || true)
	c2auditd -d -c auditd.conf "$@" >>auditd.log 2>&1 &
	AUDITD_PID=$!
	for _ in $(seq 200); do
		[ "$(grep -c 'started:' auditd.log)" -gt "$before" ] && return 0
		kill -0 "$AUDITD_PID" 2>/dev/null || { cat auditd.log; fail "c2auditd did not start"; }
		sleep 0.1
	done
	cat auditd.log
	fail "c2auditd did not start in 20 s"
}

# stop_auditd: SIGTERM, and c2auditd must exit 0.
stop_auditd() {
	kill -TERM "$AUDITD_PID"
	rc=0
	wait "$AUDITD_PID" || rc=$?
	AUDITD_PID=""
	[ "$rc" = 0 ] || { cat auditd.log; fail "c2auditd exited $rc"; }
}

# wait_log FILE TEXT [SECONDS]: until FILE has a line with TEXT.
wait_log() {
	for _ in $(seq $((${3:-20} * 10))); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	cat "$1"
	stalled
	fail "no '$2' in $1 after ${3:-20} s"
}

# What the module and its readers are doing, for a test that waited in
# vain: the rings' counters, where each reader and producer sleeps.
stalled() {
	[ -c /dev/audit ] && c2audit status 2>&1 || true
	for p in /proc/[0-9]*; do
		case $(cat "$p/comm" 2>/dev/null) in
		c2auditd | collect | wl)
			echo "$(cat "$p/comm") ${p#/proc/}: $(cat "$p/wchan" 2>/dev/null)"
			cat "$p/stack" 2>/dev/null || true
			;;
		esac
	done
}

# mount_scratch DIR: the scratch disk (ext4 on a virtio disk: fdatasync
# reaches a device), emptied, on DIR.
mount_scratch() {
	[ -b /dev/vda ] || fail "no scratch disk /dev/vda"
	mkdir -p "$1"
	mount -t ext4 /dev/vda "$1" || fail "mount /dev/vda"
	SCRATCH=$1
	rm -rf "${1:?}"/*
}

# rotate_auditd: SIGUSR1, and wait until c2auditd writes the next file.
rotate_auditd() {
	before=$(grep -c 'writing ' auditd.log || true)
	kill -USR1 "$AUDITD_PID"
	for _ in $(seq 100); do
		[ "$(grep -c 'writing ' auditd.log)" -gt "$before" ] && return 0
		sleep 0.1
	done
	cat auditd.log
	fail "c2auditd did not rotate"
}

# auditd_with_rules RULES: c2auditd on ./log with RULES (text) as its rules.
auditd_with_rules() {
	printf '%s\n' "$1" >rules.conf
	auditd_conf "$PWD/log" rules_file="$PWD/rules.conf"
	start_auditd
}

# audit_only DIR: only opens under DIR (made, with a file f) are audited,
# so that nothing else, this script included, waits on a reader that does
# not read.
audit_only() {
	mkdir -p "$1"
	: >"$1/f"
	c2audit rules flush
	c2audit rules add audit syscall=openat path="$1"
}

# devno PATH: the device of PATH as records print it, MAJOR:MINOR.
devno() {
	d=$(stat -c %d "$1")
	echo "$(( (d >> 8) & 0xfff )):$(( (d & 0xff) | ((d >> 12) & 0xfff00) ))"
}

# trace_root FILE: the pid of the first event of a `c2audit trace` output.
trace_root() {
	awk '$1 != "--" { print $2; exit }' "$1"
}

# trace_only_tree FILE ROOT: every event of a `c2audit trace` output is
# of ROOT or of a process or thread created in the trace from it. A child
# may show before the fork that made it (its parent's record comes when
# the fork returns), so the tree is built from the whole file first.
trace_only_tree() {
	awk -v root="$2" '
		NR == FNR {
			if ($1 == "--") next
			for (i = 3; i <= NF; i++)
				if ($i ~ /^child_pid=/) {
					c = $i; sub(/^child_pid=/, "", c)
					kids[$2] = kids[$2] " " c
				}
			next
		}
		FNR == 1 {
			tree[root] = 1; todo[1] = root; n = 1
			for (k = 1; k <= n; k++) {
				m = split(kids[todo[k]], cs, " ")
				for (j = 1; j <= m; j++)
					if (!(cs[j] in tree)) { tree[cs[j]] = 1; todo[++n] = cs[j] }
			}
		}
		$1 == "--" { next }
		!($2 in tree) { print "not of the traced tree: " $0; bad = 1 }
		END { exit bad }' "$1" "$1" || fail "events of other processes in $1"
}

# noise_start: processes doing audited things, until noise_stop.
NOISE_PID=""
noise_start() {
	(while :; do cat /etc/c2audit/c2auditd.conf >/dev/null; ls /tmp >/dev/null; done) &
	NOISE_PID=$!
}

noise_stop() {
	kill "$NOISE_PID" 2>/dev/null || true
	wait "$NOISE_PID" 2>/dev/null || true
	NOISE_PID=""
}

# grep_order FILE RE...: lines matching each RE are found in this order.
grep_order() {
	file=$1
	shift
	awk -v n=$# 'BEGIN { for (i = 1; i < ARGC; i++) re[i] = ARGV[i]; ARGC = 1; k = 1 }
		k <= n && $0 ~ re[k] { k++ }
		END { if (k <= n) { print "not found in order: " re[k]; exit 1 } }' "$@" <"$file" ||
		fail "lines out of order in $file"
}

# The rules `c2audit detect` needs: the file events it judges, and the
# crypto-library probes.
detect_rules() {
	cat >detect.rules <<-EOF
	audit syscall=open,openat,openat2,creat,open_by_handle_at,unlink,unlinkat,rename,renameat,renameat2,execve success=yes key=detect
	uprobe
	EOF
	c2audit rules load detect.rules >/dev/null || fail "the detect rules did not load"
}

# start_detect OUT [detect options]: `c2audit detect` as the reader,
# alerts to OUT (its stderr to OUT.err); DETECT_PID is its pid.
start_detect() {
	out=$1
	shift
	c2audit detect "$@" >"$out" 2>"$out.err" &
	DETECT_PID=$!
	for _ in $(seq 100); do
		c2audit status | grep -q "^reader: *pid $DETECT_PID\$" && return 0
		kill -0 "$DETECT_PID" 2>/dev/null || fail "detect did not start: $(cat "$out.err")"
		sleep 0.1
	done
	fail "detect did not attach"
}

# stop_detect: once it has judged what it held, stop it; DETECT_STATUS is
# its exit status (1: it saw a MAJ alert).
stop_detect() {
	sleep 1.5
	kill -INT "$DETECT_PID"
	DETECT_STATUS=0
	wait "$DETECT_PID" || DETECT_STATUS=$?
	DETECT_PID=""
}
