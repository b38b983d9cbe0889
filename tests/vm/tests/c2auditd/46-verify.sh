# c2audit verify, on a trail c2auditd wrote: intact it passes; an edited
# byte, a deleted record, a reordered pair, a truncated file, a file gone
# from the middle or the end, a wrong key: each fails with exit 1 and names the first
# bad record and why.
. /tests/lib.sh

HEADER=512

load_module
mkdir w
: >w/f
log=$PWD/log
head -c 32 /dev/urandom >key
chmod 600 key
# Small batches: rotation by size happens between batches, and one
# large batch under load would fill a single file.
auditd_conf $log max_log_file=32K num_logs=0 read_batch=16 key_file=$PWD/key
start_auditd
wl open $PWD/w/f 400 >/dev/null
stop_auditd
ls -l $log
[ "$(ls $log | wc -l)" -ge 3 ] || fail "fewer than 3 files"
c2audit verify --key key $log || fail "an untouched trail failed"

# damaged COMMAND... TEXT: in a fresh copy of the trail (t/), run COMMAND;
# verify must then fail with exit 1 and say TEXT.
damaged() {
	text=$1
	shift
	rm -rf t
	cp -a $log t
	"$@"
	rc=0
	c2audit verify --key key t >out.txt 2>&1 || rc=$?
	cat out.txt
	[ $rc = 1 ] || fail "verify exited $rc after: $*"
	grep -q "$text" out.txt || fail "verify did not say '$text' after: $*"
}

# Frames have no fixed size (only a record's nonzero words are kept):
# off FILE N, len FILE N: where frame N (1-based) of FILE starts, its bytes.
off() {
	trailcat --frames $1 | awk -v n=$2 '$1 == n { print $2 }'
}
len() {
	trailcat --frames $1 | awk -v n=$2 '$1 == n { print $3 }'
}

# frame FILE N: frame N of FILE.
frame() {
	tail -c +$(($(off $1 $2) + 1)) $1 | head -c $(len $1 $2)
}

delete_frame() {
	{ head -c $(off $1 $2) $1
	  tail -c +$(($(off $1 $(($2 + 1))) + 1)) $1; } >x
	cat x >$1
}

swap_frames() {
	{ head -c $(off $1 $2) $1
	  frame $1 $(($2 + 1))
	  frame $1 $2
	  tail -c +$(($(off $1 $(($2 + 2))) + 1)) $1; } >x
	cat x >$1
}

second=t/trail-00000002.c2a
[ "$(trailcat --frames $log/trail-00000002.c2a | wc -l)" -gt 21 ] ||
	fail "file 2 holds too few frames"
# A byte of the 10th record: the last of its words kept.
damaged "trail-00000002.c2a: DAMAGED: record 10 (cpu .* id .*): hash mismatch" \
	sh -c "printf X | dd of=$second bs=1 seek=$(($(off $log/trail-00000002.c2a 11) - 33)) conv=notrunc 2>/dev/null"
damaged "trail-00000002.c2a: DAMAGED: record 5 (cpu .* id .*): records 5..5 before it are missing (deleted)" \
	delete_frame $second 5
damaged "trail-00000002.c2a: DAMAGED: record 7 .*\(missing\|out of order\)" \
	swap_frames $second 7
damaged "trail-00000002.c2a: DAMAGED: it ends after record 20 .* but the next file continues from record" \
	truncate -s $(off $log/trail-00000002.c2a 21) $second
damaged "trail-00000002.c2a: DAMAGED: it ends 100 bytes into record 21 .* but the next file continues from record" \
	truncate -s $(($(off $log/trail-00000002.c2a 21) + 100)) $second
# A frame's length damaged: the bytes up to the next frame are skipped,
# and said to be.
damaged "trail-00000002.c2a: DAMAGED: record 12: its frame's head is damaged: [0-9]* bytes skipped, up to record 13 (records 12..12 are lost)" \
	sh -c "printf '\\377' | dd of=$second bs=1 seek=$(($(off $log/trail-00000002.c2a 12) + 1)) conv=notrunc 2>/dev/null"
last=$(ls $log | tail -1)
# Its last frame is the seal.
damaged "$last: DAMAGED: it ends after record .* without a seal: truncated" \
	truncate -s $(trailcat --frames $log/$last | tail -1 | cut -d' ' -f2) t/$last
damaged "trail-00000003.c2a: DAMAGED: it continues file 2, but the file before it is 1: files in between are missing" \
	rm $second
# The newest file gone: the one before it was sealed for rotation.
damaged "DAMAGED: the trail ends at file [0-9]*, but file [0-9]* said another follows" \
	sh -c "rm t/\$(ls t | tail -1)"
damaged "header: hash mismatch" \
	sh -c "printf X | dd of=$second bs=1 seek=70 conv=notrunc 2>/dev/null"
head -c 32 /dev/urandom >key2
chmod 600 key2
rc=0
c2audit verify --key key2 $log >out.txt || rc=$?
cat out.txt
[ $rc = 1 ] && grep -q "written with another key" out.txt || fail "a wrong key passed"
rc=0
c2audit verify $log >out.txt || rc=$?
[ $rc = 1 ] && grep -q "needs the key" out.txt || fail "a keyed trail passed without its key"

# Live, against the module: the trail holds what the module handed
# c2auditd. The newest file of a trail that c2auditd stopped and started
# again removed whole (the one before it sealed at a stop, its chain
# intact): the files say nothing, the module's ids do.
rm -rf $log
auditd_conf $log max_log_file=0 key_file=$PWD/key
start_auditd
wl open $PWD/w/f 50 >/dev/null
c2audit verify --key key --live $log >out.txt || { cat out.txt; fail "live verify of a running trail"; }
cat out.txt
grep -q "^live: the trail holds every record the module handed its reader (pid $AUDITD_PID)" out.txt ||
	fail "live verify did not say the trail is whole"
stop_auditd
start_auditd
wl open $PWD/w/f 50 >/dev/null
stop_auditd
ls $log
rm $log/$(ls $log | tail -1)
c2audit verify --key key $log || fail "the files alone should verify"
rc=0
c2audit verify --key key --live $log >out.txt || rc=$?
cat out.txt
[ $rc = 1 ] || fail "live verify exited $rc on a trail cut at its end"
grep -q "^live: CPU [0-9]*: the module handed its reader ids up to [0-9]*, the trail ends at [0-9]*: [0-9]* ids read but not in the trail" out.txt ||
	fail "live verify did not name the gap"
