# A trail with loss markers and a damaged file: report and summary account
# for every lost id, and a cut file is named, exit 1, while the events of
# the other files are still shown; an edited record is shown marked.
. /tests/lib.sh

load_module slots=64
auditd_with_rules "set overflow=drop
audit syscall=openat"
kill -STOP "$AUDITD_PID"
wl open /etc/passwd 400 >/dev/null &
a=$!
wl open /etc/passwd 400 >/dev/null
wait $a
kill -CONT "$AUDITD_PID"
rotate_auditd
wl open /etc/group 5 >/dev/null
stop_auditd

dropped=$(status_total dropped)
[ "$dropped" -gt 0 ] || fail "nothing was dropped with the daemon stopped"
c2audit report --conf auditd.conf --type lost >lost.txt
lost=$(sed 's/.* count=\([0-9]*\) .*/\1/' lost.txt | awk '{ s += $1 } END { print s + 0 }')
[ "$lost" = "$dropped" ] || fail "markers in the trail say $lost lost, the module $dropped"
grep -q 'reasons=ring_full' lost.txt || fail "no ring_full marker: $(cat lost.txt)"
c2audit summary --conf auditd.conf | grep -q "^lost: *$dropped records" || fail "summary: $(c2audit summary --conf auditd.conf)"
c2audit report --conf auditd.conf --type lost --json | jsoncheck count >/dev/null || fail "loss markers as JSON"

files=$(ls log/trail-*.c2a)
first=$(echo "$files" | head -n 1)
last=$(echo "$files" | tail -n 1)
cp "$first" cut.c2a
size=$(wc -c <cut.c2a)
truncate -s $((size - 100)) cut.c2a
rc=0
c2audit report cut.c2a "$last" >out.txt 2>err.txt || rc=$?
[ $rc = 1 ] || fail "a cut file gives exit $rc"
grep -q "cut.c2a" err.txt || fail "the cut file is not named: $(cat err.txt)"
grep -q "/etc/group" out.txt || fail "the events of the whole file are not shown"
# A byte of the first record of the last file changed: the record is still
# shown, marked, the file and record are named, exit 1; --no-verify reads
# as before.
cp "$last" edited.c2a
printf X | dd of=edited.c2a bs=1 seek=$((512 + 100)) conv=notrunc 2>/dev/null
rc=0
c2audit report edited.c2a >out.txt 2>err.txt || rc=$?
[ $rc = 1 ] || fail "an edited record gives exit $rc"
grep -q "edited.c2a: record 1 .*hash mismatch.*damaged=yes" err.txt ||
	fail "the edited record is not named: $(cat err.txt)"
[ "$(grep -c 'damaged=yes' out.txt)" = 1 ] || fail "not one record marked: $(grep damaged out.txt)"
c2audit report --no-verify edited.c2a >/dev/null || fail "--no-verify fails on an edited record"
rc=0
c2audit report /nonexistent.c2a >/dev/null 2>err.txt || rc=$?
[ $rc = 1 ] && grep -q nonexistent err.txt || fail "a missing file: exit $rc, $(cat err.txt)"
echo "lost $lost of $(status_total produced)"
