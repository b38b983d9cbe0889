# Module loading (by image and by file, with the module's name), kexec,
# names, time, reboot, bpf, perf_event_open, adjtimex, clock_adjtime,
# io_uring_setup.
. /tests/lib.sh

load_module
start_collect r.bin
sc_system "$KO" >expected
stop_collect
reccheck expect r.bin expected
reccheck ids r.bin
