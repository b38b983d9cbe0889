# JSON lines to a file, rotated by size, and the local syslog (rsyslog's
# imuxsock on a socket of its own), each output with its own match
# filter: every record each one should have, in order, once; and
# `c2audit status` shows their counters from the state file.
. /tests/lib.sh
. /tests/outlib.sh

make_records r.bin 800
cat >rs.conf <<EOF
global(workDirectory="$PWD" maxMessageSize="64k" processInternalMessages="on")
module(load="imuxsock" sysSock.use="off")
template(name="tagged" type="string" string="%syslogtag%%msg%\n")
input(type="imuxsock" socket="$PWD/log.sock" rateLimit.interval="0" ruleset="local")
ruleset(name="local") { action(type="omfile" file="$PWD/syslog.log" template="tagged") }
syslog.* action(type="omfile" file="$PWD/internal.log")
EOF
start_rsyslog rs.conf
cat >out.conf <<EOF
[output all]
type = file
path = $PWD/all.json
max_size = 64K
rotate = 50

[output opens]
type = file
path = $PWD/opens.json
match = syscall=openat
match = success=yes

[output local]
type = syslog
socket = $PWD/log.sock
facility = local3
match = syscall!=openat
EOF
mkdir -p /run/c2audit-forward
outfeed -c out.conf -s /run/c2audit-forward/outputs.state r.bin >feed.out 2>feed.err ||
	fail "outfeed: $(cat feed.err)"
cat feed.out
stop_rsyslog

[ "$(counter feed.out all rotations)" -ge 2 ] || fail "no rotation"
# the rotated files, oldest first, then the current one
# shellcheck disable=SC2046
cat $(ls all.json.* | sort -t. -k3 -rn) all.json >all.cat
outcheck -f file -o all.cat r.bin || fail "the file output differs"
outcheck -f file -m syscall=openat -m success=yes -o opens.json r.bin ||
	fail "the filtered file output differs"
outcheck -f syslog -m syscall!=openat -o syslog.log r.bin ||
	fail "the local syslog output differs"
[ "$(counter feed.out opens filtered)" -gt 0 ] || fail "nothing filtered"
for o in all opens local; do
	[ "$(($(counter feed.out $o delivered) + $(counter feed.out $o filtered)))" = \
	  "$(counter feed.out $o submitted)" ] || fail "$o: counts do not add up"
done

load_module
c2audit status >status.out
cat status.out
grep -q "^outputs:   3 (c2audit-forward pid [0-9]* is gone" status.out ||
	fail "status does not show the outputs"
for o in all opens local; do
	[ "$(awk -v o=$o '$1 == o { print $6 }' status.out)" = \
	  "$(counter feed.out $o delivered)" ] || fail "status: $o delivered"
done
c2audit status --json | grep -q '"outputs":{"pid":[0-9]*,"time":[0-9]*,"outputs":\[{"name":"all","type":"file","submitted":' ||
	fail "status --json has no outputs"
