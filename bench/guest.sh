# make bench, the guest's side (run by tests/vm/init like demo.sh, its
# output going to the host prefixed "D: "): every scenario in turn, each
# workload in each, all in this one boot so that TCG's slowness is the same
# for all of them. Prints one line per run for bench/table.awk:
#
#   R SCENARIO WORKLOAD NPROC OPS SECS EVENTS LOST CPU_TICKS BYTES DRAIN
#
# OPS in SECS: what the workload did. EVENTS: audit events of the
# workload's processes (bw, bnop, grep) the trail holds, not those of this
# script; LOST: what the audit system says it lost, in all; CPU_TICKS:
# user+system time (USER_HZ, 100 on x86) of the trail's writer (Linux
# audit: kauditd and auditd; the eBPF peer: bpftrace) from the start
# until the trail caught up,
# DRAIN seconds after the workload ended (to 0.1 s); BYTES: the trail's
# size. "-" where a figure does not apply.
# Lines starting "I " describe the machine; "# " is progress.
. /tests/lib.sh
. /tests/outlib.sh
. /etc/bench.conf

DISK=/disk
WORK=$DISK/work
TREE=$WORK/tree
LOGS=$DISK/log

# What both audit systems audit, in both syscall ABIs: the calls the
# workloads make that a CAPP/STIG baseline selects (opens, deletions and
# renames, program execution, process creation). close, write, getppid and
# the rest are left unaudited.
# A site's rule set, for c2-stig (tests/vm/run copies Debian's examples).
STIG_RULES=/usr/share/doc/auditd/examples/rules/30-stig.rules
SYSCALLS=open,openat,openat2,creat,unlink,unlinkat,rename,renameat,renameat2,execve,execveat,fork,vfork,clone,clone3

info() { echo "# $*"; }

# --- the machine -------------------------------------------------------------

# The trails go to the harness's scratch disk (ext4 on virtio), so that a
# flush costs what a flush costs: /tmp is a tmpfs, where fdatasync does
# nothing.
mount_disk() {
	mount_scratch $DISK
	mkdir -p $LOGS $WORK/tmp /var/run /run
	ln -s $LOGS /var/log
}

# The grep -r tree: 8 directories of 64 small files, one word in one file.
make_work() {
	make_tree $TREE 8 64
	echo needle >>$TREE/d8/f64
	sync
}

# --- measuring ---------------------------------------------------------------

# cpu_ticks PID...: user + system ticks of those processes, summed. The
# command name is cut off first: it may hold spaces.
cpu_ticks() {
	for p in "$@"; do
		sed 's/^.*) //' "/proc/$p/stat"
	done | awk '{ s += $12 + $13 } END { print s + 0 }'
}

pid_of_comm() {
	for p in /proc/[0-9]*; do
		[ "$(cat "$p/comm" 2>/dev/null)" = "$1" ] && { echo "${p#/proc/}"; return 0; }
	done
	return 0
}

workload_args() {
	files="$TREE/d1/f1 $TREE/d2/f2 $TREE/d3/f3 $TREE/d4/f4"
	case $1 in
	open1) echo "1 open $files" ;;
	open2) echo "2 open $files" ;;
	grep) echo "1 spawn /bin/grep -r -l needle $TREE" ;;
	exec) echo "1 spawn /bin/bnop" ;;
	create) echo "1 create $WORK/tmp" ;;
	getppid) echo "1 getppid" ;;
	esac
}

# profile_report WORKLOAD: as "P " lines, the share of the samples (all
# CPUs' and processes', the trail's writer's too) of each program, of each
# symbol above 0.5% by itself, and of each above 2% with what it calls.
profile_report() {
	echo "P == $SC_NAME $1: by program"
	perf report -q -i /tmp/perf.data --stdio --no-children --sort comm,dso \
		--percent-limit 0.5 2>/dev/null | sed '/^$/d; s/^/P /'
	echo "P == $SC_NAME $1: by symbol, self"
	perf report -q -i /tmp/perf.data --stdio --no-children -g none \
		--sort dso,sym --percent-limit 0.5 2>/dev/null | sed '/^$/d; s/^/P /'
	echo "P == $SC_NAME $1: by symbol, with callees"
	perf report -q -i /tmp/perf.data --stdio --children -g none \
		--sort sym --percent-limit 2 2>/dev/null | sed '/^$/d; s/^/P /'
	rm -f /tmp/perf.data
}

# run_bw WORKLOAD: sets OPS and SECS.
run_bw() {
	wl=$1
	# shellcheck disable=SC2046 # the arguments are words
	set -- $(workload_args "$1")
	NPROC=$1
	if [ -n "$BENCH_PROFILE" ]; then
		out=$(perf record -q -a -g -F 2000 -o /tmp/perf.data -- \
			bw "$BENCH_SECS" "$@") || fail "perf record bw $*: $out"
		profile_report "$wl"
	else
		out=$(bw "$BENCH_SECS" "$@") || fail "bw $*: $out"
	fi
	OPS=${out#ops=}
	OPS=${OPS%% *}
	SECS=${out##*secs=}
}

# Seconds since boot, to the hundredth.
uptime_s() {
	cut -d ' ' -f 1 /proc/uptime
}

# wait_drained KIND: returns once the audit system's queue holds none of
# the workload's events, or after 120 s.
wait_drained() {
	for _ in $(seq 1200); do
		"${1}_drained" && return 0
		sleep 0.1
	done
	info "the trail did not catch up in 120 s"
}

# The last events on their way from the queue to the trail: c2audit's
# reader is woken within wakeup_ms (50), auditd reads its socket.
settle() {
	sleep 0.3
}

# --- scenarios -----------------------------------------------------------------
# Each kind of scenario has KIND_setup, KIND_start, KIND_stop (which sets
# EVENTS LOST BYTES) and KIND_teardown; start and stop bracket every run
# and CPU_PIDS names the processes whose time counts.

base_setup() { :; }
base_teardown() { :; }
base_start() { CPU_PIDS=""; }
base_stop() { EVENTS=- LOST=- BYTES=-; }
base_drained() { :; }

# c2audit: the module with the benchmark's rules, in drop or block mode
# (SC_OVERFLOW), its other settings the defaults; the trail written by
# c2auditd with flush=none or flush=batch (SC_FLUSH) and its other
# settings the defaults (etc/c2auditd.conf: 1024 records a read, 8 MB
# files; all kept, for the count), or by a bare reader (SC_FLUSH=reader:
# collect, raw records, no chain, no flush) to tell the daemon's share.
# SC_COND adds conditions to the rule, for the cost breakdown: one no call
# meets, decided at entry (uid=) or once the capture is made (exe=).
# SC_OUTPUTS=2: c2audit-forward (as nobody, the trail's log_group) feeds
# two outputs from the trail (doc/outputs.md): a JSON lines file and
# rsyslog over TCP. rsyslog stands in for a collector on
# another machine: here it shares the guest's one vCPU, so it runs at idle
# priority, as the outputs' threads do, and what the figures show is the
# audited host's cost.
outputs_setup() {
	[ -n "$SC_OUTPUTS" ] || return 0
	ip link set lo up
	mkdir -p $LOGS/out /run/c2audit-forward
	chown 65534:65534 $LOGS/out /run/c2audit-forward
	cd $LOGS/out || fail "cd $LOGS/out"
	rsyslog_conf rs.conf 5514 remote.log
	start_rsyslog rs.conf
	chrt --idle -a -p 0 "$RSYSLOG_PID" >/dev/null ||
		fail "chrt: rsyslogd at idle priority"
	cd /tmp/bench || fail "cd /tmp/bench"
}

outputs_conf() {
	[ -n "$SC_OUTPUTS" ] || return 0
	rm -f $LOGS/out/events.json $LOGS/out/position
	echo "log_group = 65534" >>auditd.conf
	printf '\n[output json]\ntype = file\npath = %s\nmax_size = 0\n' \
		"$LOGS/out/events.json" >>auditd.conf
	printf '\n[output fleet]\ntype = remote\nhost = 127.0.0.1\nport = 5514\n' \
		>>auditd.conf
}

outputs_start() {
	[ -n "$SC_OUTPUTS" ] || return 0
	runas 65534 65534 c2audit-forward -d -c "$PWD/auditd.conf" \
		-p $LOGS/out/position >>$LOGS/out/fwd.log 2>&1 &
	FWD_PID=$!
	CPU_PIDS="$CPU_PIDS $FWD_PID"
}

# After c2auditd stopped: the forwarder has sent up to its last seal.
outputs_report() {
	[ -n "$SC_OUTPUTS" ] || return 0
	for _ in $(seq 3000); do
		grep -q 'sealed (stopped)' $LOGS/out/fwd.log && break
		sleep 0.1
	done
	kill -TERM "$FWD_PID"
	wait "$FWD_PID" || fail "c2audit-forward: $(cat $LOGS/out/fwd.log)"
	sed 's/^/# outputs: /' /run/c2audit-forward/outputs.state
}

outputs_teardown() {
	[ -n "$SC_OUTPUTS" ] || return 0
	stop_rsyslog
}

c2_setup() {
	outputs_setup
	load_module default_rules=0
	if [ "$SC_RULES" = stig ]; then
		c2audit rules load --skip-unsupported "$STIG_RULES" >/dev/null ||
			fail "c2audit rules load $STIG_RULES"
	else
		echo "audit syscall=$SYSCALLS $SC_COND key=bench" >/tmp/c2.rules
		c2audit rules load /tmp/c2.rules >/dev/null || fail "c2audit rules load"
	fi
	c2audit set enabled=no overflow="$SC_OVERFLOW" || fail "c2audit set"
}

c2_teardown() {
	rmmod c2audit || fail "rmmod c2audit"
	outputs_teardown
}

c2_start() {
	TRAIL=$LOGS/c2audit
	rm -rf $TRAIL
	if [ "$SC_FLUSH" = reader ]; then
		mkdir -p $TRAIL
		start_collect $TRAIL/raw.bin
		CPU_PIDS=$COLLECT_PID
	else
		auditd_conf $TRAIL flush="$SC_FLUSH" num_logs=0 \
			kernel_audit="${SC_KAUDIT:-off}"
		outputs_conf
		start_auditd
		CPU_PIDS=$AUDITD_PID
		outputs_start
	fi
	c2audit set enabled=yes || fail "c2audit set enabled=yes"
}

# No producer waits for room and the rings hold no more than this loop's
# own records (those of `c2audit status` itself, at most a few dozen).
c2_drained() {
	c2audit status --json >/tmp/status.json || fail "c2audit status"
	fill=$(sed -n 's/.*"total":{[^}]*"blocked_now":0,[^}]*"fill":\([0-9]*\),.*/\1/p' /tmp/status.json)
	[ -n "$fill" ] && [ "$fill" -lt 64 ]
}

c2_stop() {
	c2audit set enabled=no || fail "c2audit set enabled=no"
	if [ "$SC_FLUSH" = reader ]; then
		stop_collect
		rm -f "$TRAIL/raw.bin.ready"
		set -- "$TRAIL/raw.bin"
	else
		stop_auditd
		outputs_report
		set -- --conf auditd.conf
	fi
	c2audit summary --json --comm bw --comm bnop --comm grep "$@" >/tmp/summary.json ||
		fail "c2audit summary: $(cat /tmp/summary.json)"
	EVENTS=$(sed -n 's/.*"key":\[[^]]*{"name":"bench","events":\([0-9]*\).*/\1/p' /tmp/summary.json)
	EVENTS=${EVENTS:-0}	# no event had the key: not in the key table
	LOST=$(sed -n 's/^{"records":[0-9]*,"failures":[0-9]*,"lost":\([0-9]*\).*/\1/p' /tmp/summary.json)
	[ -n "$LOST" ] || fail "no loss count in c2audit summary's output"
	BYTES=$(cat "$TRAIL"/* | wc -c)
	[ "$LOST" = 0 ] || info "$SC_NAME: lost by reason:" \
		"$(sed -n 's/.*"lost_reason":\[\([^]]*\)\].*/\1/p' /tmp/summary.json)"
}

# Linux audit: Debian's audit.rules (backlog 8192, wait up to 60 s when
# it is full, log a loss) and the benchmark's rules; Debian's auditd.conf,
# with flush=NONE when SC_FLUSH says so, and num_logs raised so that
# rotation (at Debian's 8 MB) keeps every record for the count.
linux_setup() {
	mkdir -p /tmp/audit-conf
	cp -a /etc/audit/. /tmp/audit-conf/
	sed -i 's/^num_logs = .*/num_logs = 99/' /tmp/audit-conf/auditd.conf
	if [ "$SC_FLUSH" = none ]; then
		sed -i 's/^flush = .*/flush = NONE/' /tmp/audit-conf/auditd.conf
	fi
	auditctl -R /etc/audit/rules.d/audit.rules >/dev/null || fail "auditctl -R"
	for arch in b64 b32; do
		auditctl -a always,exit -F arch=$arch -S $SYSCALLS -k bench ||
			fail "auditctl -a ($arch)"
	done
	KAUDITD=$(pid_of_comm kauditd)
	[ -n "$KAUDITD" ] || fail "no kauditd thread"
}

linux_teardown() {
	auditctl -D >/dev/null
}

audit_status() {
	auditctl -s | sed -n "s/^$1 //p"
}

# kauditd's queue is empty.
linux_drained() {
	[ "$(audit_status backlog)" = 0 ]
}

linux_start() {
	rm -rf $LOGS/audit
	mkdir -p $LOGS/audit
	auditd -n -c /tmp/audit-conf &
	AUDITD_PID=$!
	for _ in $(seq 100); do
		[ "$(audit_status pid)" = "$AUDITD_PID" ] && break
		kill -0 $AUDITD_PID 2>/dev/null || fail "auditd did not start"
		sleep 0.1
	done
	[ "$(audit_status pid)" = "$AUDITD_PID" ] || fail "auditd did not register"
	auditctl --reset-lost >/dev/null
	auditctl -e 1 >/dev/null || fail "auditctl -e 1"
	CPU_PIDS="$KAUDITD $AUDITD_PID"
}

linux_stop() {
	auditctl -e 0 >/dev/null || fail "auditctl -e 0"
	LOST=$(audit_status lost)
	kill -TERM "$AUDITD_PID"
	wait "$AUDITD_PID" || fail "auditd failed"
	EVENTS=$(cat $LOGS/audit/audit.log* | grep -cE 'type=SYSCALL.* comm="(bw|bnop|grep)" .*key="bench"' || true)
	BYTES=$(cat $LOGS/audit/audit.log* | wc -c)
}

# The eBPF peer: ebpf_setup, ebpf_start, ... (bench/ebpf.sh).
. /tests/ebpf.sh

# scenario NAME KIND [overflow=drop|block] [flush=none|batch|reader]
#                    [cond=CONDITION] [workloads="NAME..."]: runs the
# workloads (all by default), unless BENCH_SCENARIOS leaves NAME out.
scenario() {
	SC_NAME=$1 SC_KIND=$2 SC_OVERFLOW="" SC_FLUSH="" SC_COND="" SC_OUTPUTS=""
	SC_RULES="" SC_KAUDIT=""
	SC_WORKLOADS=$BENCH_WORKLOADS
	case " ${BENCH_SCENARIOS:-$1} " in *" $1 "*) ;; *) return 0 ;; esac
	shift 2
	for kv in "$@"; do
		case $kv in
		overflow=*) SC_OVERFLOW=${kv#*=} ;;
		flush=*) SC_FLUSH=${kv#*=} ;;
		cond=*) SC_COND=${kv#*=} ;;
		outputs=*) SC_OUTPUTS=${kv#*=} ;;
		rules=*) SC_RULES=${kv#*=} ;;
		kaudit=*) SC_KAUDIT=${kv#*=} ;;
		workloads=*) SC_WORKLOADS=${kv#*=} ;;
		*) fail "scenario $SC_NAME: '$kv'?" ;;
		esac
	done
	info "scenario $SC_NAME"
	"${SC_KIND}_setup"
	for wl in $SC_WORKLOADS; do
		case " $BENCH_WORKLOADS " in *" $wl "*) ;; *) continue ;; esac
		"${SC_KIND}_start"
		t0=$(cpu_ticks $CPU_PIDS)
		run_bw "$wl"
		end=$(uptime_s)
		wait_drained "$SC_KIND"
		drain=$(echo "$(uptime_s) $end" | awk '{ printf "%.2f", $1 - $2 }')
		settle
		t1=$(cpu_ticks $CPU_PIDS)
		"${SC_KIND}_stop"
		cpu=$((t1 - t0))
		[ -n "$CPU_PIDS" ] || cpu=-
		echo "R $SC_NAME $wl $NPROC $OPS $SECS $EVENTS $LOST $cpu $BYTES $drain"
	done
	"${SC_KIND}_teardown"
}

# --- the run -------------------------------------------------------------------

echo "I kernel $(uname -r)"
echo "I cpus $(grep -c ^processor /proc/cpuinfo)"
echo "I memory_kb $(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo)"
echo "I seconds $BENCH_SECS"
mkdir -p /tmp/bench
cd /tmp/bench || fail "cd /tmp/bench"
echo "I auditd $(auditctl -v | sed 's/.*version //')"
mount_disk
make_work
# Warm the caches the workloads will use.
bw 1 1 spawn /bin/grep -r -l needle $TREE >/dev/null

# Baselines before and after c2audit's runs show the drift; Linux audit
# comes last, because once it has been enabled every new task carries an
# audit context and takes the slow syscall path for good.
scenario baseline base
scenario c2-drop-none c2 overflow=drop flush=none
scenario c2-drop-batch c2 overflow=drop flush=batch
scenario c2-block-none c2 overflow=block flush=none
scenario c2-block-batch c2 overflow=block flush=batch
scenario c2-block-batch-out c2 overflow=block flush=batch outputs=2
# Where c2audit's cost goes, on open/close: the probes alone (the rule
# decided at entry), the capture too (decided once the capture is made:
# paths resolved, strings copied, nothing committed), then committed to
# the ring and read by a bare reader; c2auditd's share is the rest.
scenario c2-probes c2 overflow=block flush=reader cond=uid=4242 workloads=open1
scenario c2-capture c2 overflow=block flush=reader cond=exe=/nonexistent workloads=open1
scenario c2-block-reader c2 overflow=block flush=reader
# The same syscalls recorded the eBPF way (bench/ebpf.sh), before
# baseline-2, which shows that it left nothing behind.
scenario ebpf-bpftrace ebpf
scenario baseline-2 base
# A site's rule set instead of the benchmark's (Debian's STIG example, in
# auditctl's syntax, what c2audit cannot honour skipped), with c2auditd
# also taking Linux audit's messages as the host's audit daemon
# (kernel_audit=own: Linux audit on, with -a never,task): what stays free
# is still free. Before linux-*, which leave Linux audit's syscall path on.
[ -r "$STIG_RULES" ] &&
	scenario c2-stig c2 overflow=block flush=batch rules=stig kaudit=own \
		workloads="getppid open1"
scenario linux-default linux
scenario linux-none linux flush=none
echo "BENCH-DONE"
