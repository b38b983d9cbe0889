# The other actions on a full or filling disk (small tmpfs): syslog (the
# batch is given up, said in syslog, the file stays whole), rotate (the
# oldest file goes to make room), space_left's syslog and
# admin_space_left's halt (/sbin/halt, here a stand-in that leaves a mark).
. /tests/lib.sh

# c2auditd goes before the stand-in: one about to halt that finds no
# /sbin/halt halts the guest itself.
trap '[ -z "${AUDITD_PID:-}" ] || kill -KILL $AUDITD_PID 2>/dev/null
	rm -f /sbin/halt; [ -n "${SYSLOGD:-}" ] && kill $SYSLOGD; cleanup' EXIT

small_log() {
	mkdir -m 700 $1
	mount -t tmpfs -o size=$2,mode=0700 tmpfs $1
}

load_module
mkdir w
: >w/f

# syslog: records are lost, and syslog says so, when it starts and ends.
syslogd -n -O $PWD/messages &
SYSLOGD=$!
small_log $PWD/a 128k
auditd_conf $PWD/a max_log_file=0 disk_full_action=syslog
# -f: start-up on stderr, then syslog.
c2auditd -f -c auditd.conf 2>auditd.log &
AUDITD_PID=$!
wait_log auditd.log "started:"
wl open $PWD/w/f 1000 >/dev/null || fail "the workload waited or failed"
wait_log messages "No space left on device: records are lost until it works again (disk_full_action=syslog)"
mount -o remount,size=4m $PWD/a
wl open $PWD/w/f 10 >/dev/null
wait_log messages "writing the trail works again; [0-9]* records were lost meanwhile"
stop_auditd
grep c2auditd messages
c2audit verify $PWD/a || fail "a failed write left damage"
umount $PWD/a

# rotate: at each full disk the oldest file is removed (num_logs), and no
# record that was read is given up.
small_log $PWD/b 192k
auditd_conf $PWD/b max_log_file=0 disk_full_action=rotate num_logs=2 read_batch=64
start_auditd
wl open $PWD/w/f 1000 >/dev/null
stop_auditd
grep -q "rotating (disk_full_action=rotate)" auditd.log || fail "no rotation"
grep -q "removed $PWD/b/trail-00000001.c2a" auditd.log || fail "the oldest file stayed"
grep -q "stopped: .* 0 lost" auditd.log || fail "records were given up"
ls $PWD/b
[ "$(ls $PWD/b | wc -l)" -le 2 ] || fail "more files than num_logs"
c2audit verify $PWD/b || fail "verify after rotations on a full disk"
umount $PWD/b
: >auditd.log

# space_left warns; admin_space_left halts the system.
mkdir -p /sbin
printf '#!/bin/sh\ntouch %s/halted\n' "$PWD" >/sbin/halt
chmod 755 /sbin/halt
small_log $PWD/c 512k
auditd_conf $PWD/c max_log_file=0 read_batch=64 space_left=384K space_left_action=syslog \
	admin_space_left=192K admin_space_left_action=halt
start_auditd
# ~270 bytes a record: 320 KiB written after ~1200 of them.
for _ in $(seq 30); do
	wl open $PWD/w/f 100 >/dev/null
	[ -e halted ] && break
done
wait_log auditd.log "KiB free, below space_left"
wait_log auditd.log "halting the system (admin_space_left_action=halt)"
# c2auditd says so, then runs it.
for _ in $(seq 50); do
	[ -e halted ] && break
	sleep 0.1
done
[ -e halted ] || fail "/sbin/halt was not run"
stop_auditd
cat auditd.log
c2audit verify $PWD/c || fail "verify after the halt"
umount $PWD/c
