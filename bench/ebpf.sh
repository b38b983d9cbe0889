# SPDX-License-Identifier: GPL-2.0
#
# make bench, the eBPF peer (sourced by bench/guest.sh): what a user would
# set up instead of a kernel module today, with Debian's bpftrace. The same
# syscalls as the c2audit and Linux audit scenarios (SYSCALLS), each
# recorded at its exit with the fields of c2audit's subject (thread and
# process ids, parent, loginuid, session, the four uids and four gids,
# comm) and the call's result and file names, as one line of text in a
# file on the disk the trails go to:
#
#   T_NS openat tid=.. pid=.. ppid=.. auid=.. ses=.. uid=.. euid=.. suid=..
#     fsuid=.. gid=.. egid=.. sgid=.. fsgid=.. comm=bw ret=3 name=/disk/...
#
# The probes are the syscall tracepoints, sys_enter_X keeping the names
# the caller passed in a map keyed by thread id, sys_exit_X printing the
# line (bpftrace's printf: the event goes through a per-CPU perf buffer
# to bpftrace, which formats and writes it). Not recorded, where c2audit
# records them: the resolved path and the executable's (bpftrace cannot
# call d_path from a tracepoint), execve's arguments, and the 32-bit
# calls (the kernel's syscall tracepoints skip compat syscalls; the
# workloads are 64-bit). Names are cut at bpftrace's default of 64 bytes
# (the workloads' are shorter): with 200, the most it allows, a line's
# values and the names' copies exceed the BPF stack's 512 bytes. The
# perf buffers have
# bpftrace's default size (64 pages a CPU); when one is full the kernel
# drops the event and bpftrace writes "Lost N events".

EBPF_DIR=$LOGS/ebpf
EBPF_SCRIPT=/tmp/bench/audit.bt
TRACEFS=/sys/kernel/tracing

# The names a syscall's tracepoint takes from user space, as its format
# file declares them (filename, pathname, oldname, newname: const char *).
ebpf_names() {
	sed -n 's/^[[:space:]]*field:const char \* \(filename\|pathname\|oldname\|newname\);.*/\1/p' \
		"$TRACEFS/events/syscalls/sys_enter_$1/format"
}

# The bpftrace program for SYSCALLS, into EBPF_SCRIPT.
# shellcheck disable=SC2016 # $t, $c: bpftrace's variables
ebpf_program() {
	fmt='tid=%d pid=%d ppid=%d auid=%u ses=%u uid=%u euid=%u suid=%u fsuid=%u'
	fmt="$fmt gid=%u egid=%u sgid=%u fsgid=%u comm=%s ret=%d"
	subj='nsecs, tid, pid, $t->real_parent->tgid, $t->loginuid.val, $t->sessionid,'
	subj="$subj"' $c->uid.val, $c->euid.val, $c->suid.val, $c->fsuid.val,'
	subj="$subj"' $c->gid.val, $c->egid.val, $c->sgid.val, $c->fsgid.val, comm, args->ret'
	maps="@in"
	{
		echo "// Written by bench/ebpf.sh for the syscalls: $SYSCALLS"
		for sc in $(echo "$SYSCALLS" | tr , ' '); do
			[ -e "$TRACEFS/events/syscalls/sys_enter_$sc" ] || {
				info "ebpf: no tracepoint for $sc: not recorded" >&2
				continue
			}
			# The map says the call was entered: a new task's first
			# return from fork or clone has no entry, and is not the
			# call.
			names=$(ebpf_names "$sc")
			echo "tracepoint:syscalls:sys_enter_$sc {"
			echo "	@in[tid] = 1;"
			# c2audit's NAME and NAME2
			m=""
			for a in $names; do
				m=${m:-@name}
				echo "	${m}[tid] = str(args->$a);"
				m=@name2
			done
			echo "}"
			exit_probe=$(printf 'tracepoint:syscalls:sys_exit_%s /@in[tid]/ {\n' "$sc")
			printf '%s\n\t%s\n' "$exit_probe" '$t = curtask; $c = $t->cred;'
			# shellcheck disable=SC2086 # the names are words
			set -- $names
			nnames=$#
			if [ $nnames = 0 ]; then
				printf '\tprintf("%%llu %s %s\\n", %s);\n' "$sc" "$fmt" "$subj"
			elif [ $nnames = 1 ]; then
				printf '\tprintf("%%llu %s %s name=%%s\\n", %s, @name[tid]);\n' \
					"$sc" "$fmt" "$subj"
			else
				# The second name (rename's) in a block of its own:
				# with both, bpftrace 0.17 needs more than the 512
				# bytes of stack a BPF program has. bpftrace runs the
				# blocks of one probe in order, on the same CPU: the
				# halves of the line follow each other in its buffer.
				printf '\tprintf("%%llu %s %s name=%%s", %s, @name[tid]);\n' \
					"$sc" "$fmt" "$subj"
				echo "	delete(@name[tid]);"
				echo "}"
				echo "$exit_probe"
				printf '\tprintf(" name2=%%s\\n", @name2[tid]);\n'
			fi
			for m in @in $([ $nnames != 1 ] || echo @name) $([ $nnames -lt 2 ] || echo @name2); do
				echo "	delete(${m}[tid]);"
			done
			echo "}"
			for m in $([ $nnames -lt 1 ] || echo @name) $([ $nnames -lt 2 ] || echo @name2); do
				case " $maps " in *" $m "*) ;; *) maps="$maps $m" ;; esac
			done
		done
		# The maps hold the calls in flight, not a result to print.
		echo "END {"
		for m in $maps; do
			echo "	clear($m);"
		done
		echo "}"
	} >"$EBPF_SCRIPT"
}

ebpf_setup() {
	[ -e "$TRACEFS/events" ] || mount -t tracefs tracefs "$TRACEFS" ||
		fail "mount tracefs on $TRACEFS"
	[ -e /sys/kernel/btf/vmlinux ] || fail "the kernel has no BTF (/sys/kernel/btf/vmlinux)"
	ebpf_program
	printf 'echo $$ >%s.tmp && mv %s.tmp %s\nexec sleep 1000000\n' \
		/tmp/bench/ebpf.ready /tmp/bench/ebpf.ready /tmp/bench/ebpf.ready \
		>/tmp/bench/ebpf-ready.sh
}

ebpf_teardown() { :; }

# bpftrace starts its -c command once every probe is attached: the
# command saying so is the sign to start the workload.
ebpf_start() {
	rm -rf $EBPF_DIR /tmp/bench/ebpf.ready
	mkdir -p $EBPF_DIR
	# (-c wants an ELF executable: busybox is one)
	bpftrace -o $EBPF_DIR/trail.txt \
		-c "/bin/busybox sh /tmp/bench/ebpf-ready.sh" $EBPF_SCRIPT >$EBPF_DIR/console 2>&1 &
	EBPF_PID=$!
	CPU_PIDS=$EBPF_PID
	for _ in $(seq 3000); do
		[ -e /tmp/bench/ebpf.ready ] && return 0
		kill -0 $EBPF_PID 2>/dev/null ||
			fail "bpftrace did not start: $(cat $EBPF_DIR/console $EBPF_DIR/trail.txt)"
		sleep 0.1
	done
	fail "bpftrace did not attach its probes in 300 s"
}

# bpftrace has nothing left to read: it sleeps in epoll_wait and has not
# run for a tenth of a second (any event in a perf buffer wakes it).
ebpf_drained() {
	t=$(cpu_ticks $EBPF_PID)
	sleep 0.1
	[ "$(sed 's/^.*) //' /proc/$EBPF_PID/stat | cut -d ' ' -f 1)" = S ] &&
		[ "$(cpu_ticks $EBPF_PID)" = "$t" ]
}

# SIGINT, as a user stops bpftrace: it detaches, reads what the buffers
# still hold, writes it out and ends its -c command.
ebpf_stop() {
	kill -INT $EBPF_PID
	wait $EBPF_PID || fail "bpftrace failed: $(cat $EBPF_DIR/console)"
	f=$EBPF_DIR/trail.txt
	EVENTS=$(grep -cE '^[0-9]+ [a-z0-9]+ .* comm=(bw|bnop|grep) ret=' $f || true)
	LOST=$(awk '/^Lost [0-9]+ events$/ { n += $2 } END { print n + 0 }' $f)
	BYTES=$(wc -c <$f)
	info "$SC_NAME: $(grep -c ' ret=' $f || true) lines in all"
	[ "$LOST" = 0 ] || info "$SC_NAME: bpftrace lost $LOST events" \
		"($(grep -c '^Lost ' $f) perf buffer overruns)"
}
