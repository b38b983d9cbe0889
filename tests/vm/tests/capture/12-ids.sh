# set*id with the ids before and after, setgroups, capset, a denied setuid.
. /tests/lib.sh

mkdir -p /tmp/sc
load_module
start_collect r.bin
sc_ids >expected
stop_collect
reccheck expect r.bin expected
reccheck ids r.bin
