# socket calls with their addresses, inet and unix.
. /tests/lib.sh

mkdir -p /tmp/sc
ip link set lo up
load_module
start_collect r.bin
sc_net /tmp/sc >expected
stop_collect
reccheck expect r.bin expected
reccheck ids r.bin
