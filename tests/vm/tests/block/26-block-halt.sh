# Strict block mode with no timeout, a tiny ring, and disk_full_action=halt
# on a tiny log_dir: under load the system halts, it does not hang.
#
# c2auditd's halt runs /sbin/halt, which asks init to shut down; init is
# not c2auditd's process nor one it started, so nothing exempts its calls
# from waiting for room. Here the init is a stand-in started before
# c2auditd: asked through a FIFO by /sbin/halt, it does audited work as an
# init's shutdown does (the FIFO's open, kill, a file, an exec) and then
# leaves a mark. Without C2A_IOC_HALTING its first call waits for ever.
# vm-timeout: 400
. /tests/lib.sh

LOAD=""
trap 'rm -f /sbin/halt; [ -z "$LOAD" ] || kill $LOAD 2>/dev/null; cleanup' EXIT

load_module slots=64
mkdir w
: >w/f
mkfifo halt.req

# The stand-in init, before c2auditd: not its child.
(
	read -r _ <halt.req
	while [ ! -s load.pids ]; do sleep 0.1; done
	kill -TERM $(cat load.pids) 2>/dev/null
	: >shutdown.files
	sync
	touch halted
) &
INIT=$!

mkdir -p /sbin
printf '#!/bin/sh\necho halt >%s/halt.req\n' "$PWD" >/sbin/halt
chmod 755 /sbin/halt

mkdir -m 700 log
mount -t tmpfs -o size=256k,mode=0700 tmpfs log
auditd_conf $PWD/log max_log_file=0 read_batch=64 disk_full_action=halt
# The reader first: strict mode waits for one that is not there yet.
start_auditd
c2audit set overflow=block strict=yes block_timeout=0
c2audit status | grep -q 'block (strict, no timeout)' || fail "settings not shown"

for i in 1 2 3; do
	wl open $PWD/w/f 1000000 >/dev/null &
	LOAD="$LOAD $!"
done
echo $LOAD >load.tmp
mv load.tmp load.pids
start=$(date +%s)
for _ in $(seq 600); do
	[ -e halted ] && break
	sleep 0.1
done
[ -e halted ] || {
	cat auditd.log
	c2audit status
	fail "init's shutdown did not finish within 60 s of the load"
}
echo "halted $(( $(date +%s) - start )) s after the load began"
wait "$INIT"
grep -q "halting the system (disk_full_action=halt)" auditd.log ||
	fail "c2auditd did not say it halts"
c2audit status | tee status.txt | grep -q '^halting: *yes' ||
	fail "status does not show the halt"

# The load goes on, losing what finds the ring full, counted.
for p in $LOAD; do
	kill -0 "$p" 2>/dev/null && fail "the load was not stopped by init"
done
LOAD=""
lost=$(status_total dropped)
[ "$lost" -gt 0 ] || fail "nothing counted as lost while halting"

# The shutdown stops c2auditd too: nobody waits still. A reader that
# attaches again ends the halt.
kill -TERM "$AUDITD_PID"
wait "$AUDITD_PID" || true
AUDITD_PID=""
c2audit status | grep -q '^halting: *yes' || fail "the halt ended with its reader"
c2audit set overflow=drop strict=no
start_collect r.bin
c2audit status | grep -q '^halting:' && fail "still halting with a new reader"
stop_collect
# The disk is full: the seal may not have fitted. Every record written is
# whole and chained; at most the last file ends unsealed.
c2audit verify $PWD/log >verify.txt || true
cat verify.txt
grep -q 'intact$' verify.txt ||
	{ [ "$(grep -c DAMAGED verify.txt)" = 1 ] &&
	  grep -q "DAMAGED: it ends after record [0-9]* without a seal" verify.txt; } ||
	fail "the trail is damaged"
umount $PWD/log
