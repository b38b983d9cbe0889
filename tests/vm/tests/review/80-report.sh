# c2audit report and summary on a real trail that c2auditd wrote across
# rotations: every event once, oldest first, lines that never break on a
# hostile file name, valid JSON, filters that select exactly what they say.
. /tests/lib.sh

load_module
auditd_with_rules "audit syscall=@file
audit syscall=execve"

wl open /etc/passwd 20 >wl1.out
pid1=$(head -n 1 wl1.out)
rotate_auditd
weird=$(printf 'we"ird\nna\377me=x y')
: >"$PWD/$weird"
echo secret >secret
chmod 600 secret
runas 65534 65534 cat "$PWD/secret" 2>/dev/null && fail "nobody read a 0600 file"
sleep 1.1
mark=$(date +%s)
sleep 1.1
rotate_auditd
wl open /etc/group 7 >wl2.out
pid2=$(head -n 1 wl2.out)
stop_auditd

[ "$(ls log | wc -l)" -ge 3 ] || fail "no rotation: $(ls log)"
c2audit report --conf auditd.conf >all.txt || fail "report failed"
grep -v '^type=' all.txt && fail "a line does not start with type="
n=$(wc -l <all.txt)
[ "$(c2audit summary --conf auditd.conf --json | sed 's/^{"records":\([0-9]*\),.*/\1/')" = "$n" ] ||
	fail "summary counts other records than report shows ($n)"
# oldest first: ids of one CPU only ever grow
awk '{ split($2, s, "="); split($3, c, "=");
       if ((c[2] in last) && s[2] + 0 <= last[c[2]]) { print "out of order: " $0; exit 1 }
       last[c[2]] = s[2] + 0 }' all.txt || fail "events out of order"

[ "$(c2audit report --conf auditd.conf --pid "$pid1" --syscall openat,open --path /etc/passwd | wc -l)" = 20 ] ||
	fail "--pid --syscall: not the 20 opens of $pid1"
c2audit report --conf auditd.conf --uid 65534 --failure --path "$PWD/secret" >denied.txt
[ "$(wc -l <denied.txt)" -ge 1 ] || fail "the refused open of secret is not found"
grep -q 'err=EACCES' denied.txt || fail "no EACCES: $(cat denied.txt)"
c2audit report --conf auditd.conf --uid 65534 --success --path "$PWD/secret" | grep . &&
	fail "--success shows the refused open"
c2audit report --conf auditd.conf --path "$PWD/we*" --syscall openat,open,creat >weird.txt
[ "$(wc -l <weird.txt)" = 1 ] || fail "the hostile name broke the line: $(cat weird.txt)"
grep -qF "path=\"$PWD/we\\\"ird\\nna\\xffme=x y\"" weird.txt || fail "escaped badly: $(cat weird.txt)"

c2audit report --conf auditd.conf --json >all.json
jsoncheck <all.json || fail "report --json is not JSON lines"
[ "$(wc -l <all.json)" = "$n" ] || fail "JSON has other events than text"
hex=$(printf '%s' "$PWD/$weird" | od -An -tx1 | tr -d ' \n')
c2audit report --conf auditd.conf --json --path "$PWD/we*" --syscall openat,open,creat |
	jsoncheck path_hex | grep -qx "\"$hex\"" || fail "path_hex is not the exact name"

c2audit report --conf auditd.conf --until "@$mark" --pid "$pid2" | grep . && fail "--until let later events in"
[ "$(c2audit report --conf auditd.conf --since "@$mark" --pid "$pid2" --syscall openat,open --path /etc/group | wc -l)" = 7 ] ||
	fail "--since: not the 7 later opens"
c2audit report --conf auditd.conf --since "@$mark" --pid "$pid1" | grep . && fail "--since let earlier events in"

c2audit summary --conf auditd.conf --top 0 >summary.txt
opens=$(c2audit report --conf auditd.conf --syscall openat | wc -l)
fails=$(c2audit report --conf auditd.conf --syscall openat --failure | wc -l)
grep -Eq "^ +$opens +$fails  openat\$" summary.txt || fail "summary: not $opens/$fails openat: $(cat summary.txt)"
grep -Eq "^ +[0-9]+ +[0-9]+  \"openat EACCES\"\$" summary.txt || fail "summary lists no failure"

c2audit tail --conf auditd.conf -n 3 >last3.txt
tail -n 3 all.txt | cmp - last3.txt || fail "tail -n 3 is not the last 3 events"

rc=0
c2audit report --conf auditd.conf --uid bogus-user 2>err.txt || rc=$?
[ $rc = 2 ] || fail "a bad filter is not a usage error ($rc)"
grep -q "bogus-user" err.txt || fail "the error does not name the bad value"
echo "report: $n events in $(ls log | wc -l) files"
