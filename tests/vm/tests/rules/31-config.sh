# Every configuration change is a CONFIG record in the stream: who, what,
# old -> new: auditing off and on, settings, rules, readers coming and going.
. /tests/lib.sh

load_module
start_collect first.bin
first=$COLLECT_PID
stop_collect
c2audit set enabled=no
c2audit set enabled=yes overflow=block block_timeout=5000
printf 'audit syscall=openat key=k1\naudit syscall=execve\n' >rules
c2audit rules load rules >/dev/null
c2audit rules flush
c2audit set overflow=drop
start_collect r.bin
second=$COLLECT_PID
stop_collect
expect_event first.bin type=config item=reader old=0 new=$first comm=collect
expect_event r.bin type=config item=reader old=$first new=0
expect_event r.bin type=config item=enabled old=1 new=0 comm=c2audit result=0
expect_event r.bin type=config item=enabled old=0 new=1
expect_event r.bin type=config item=overflow old=0 new=1
expect_event r.bin type=config item=block_timeout old=30000 new=5000
expect_event r.bin type=config item=rules_load old=1 new=2
expect_event r.bin type=config item=rule_add new=0 "rule=audit syscall=openat key=k1"
expect_event r.bin type=config item=rule_add new=1 "rule=audit syscall=execve"
expect_event r.bin type=config item=rules_flush old=2 new=0
expect_event r.bin type=config item=reader old=0 new=$second
reccheck ids r.bin
