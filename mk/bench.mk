# SPDX-License-Identifier: GPL-2.0
#
# make bench: c2audit side by side with Linux audit (kauditd and Debian's
# auditd) and an eBPF peer (bpftrace) in one guest boot, so that TCG's
# slowness is the same for all: every scenario (no auditing, c2audit drop
# and block mode each with and without a flush per batch, bpftrace, Linux
# audit with Debian's auditd.conf and with flush=NONE) runs every workload
# (open/close by 1 and 2 processes, grep -r over a tree, fork+exec,
# create/write/unlink, getppid) for BENCH_SECS seconds. Prints one table
# and writes it to bench/results.md (BENCH_RESULTS=) with the date and the
# kernel; then the host micro-benchmark of the trail writer (bench-host)
# adds its own. BENCH_WORKLOADS= and BENCH_SCENARIOS= run some only (names
# as in bench/guest.sh). BENCH_PROFILE=1 adds the guest's profile of each
# run (perf, linux-perf): where the instructions go, not a figure to keep.

BENCH_SECS ?= 2
BENCH_RESULTS ?= bench/results.md
BENCH_WORKLOADS ?= open1 open2 grep exec create getppid
BENCH_SCENARIOS ?=
BENCH_CLOCK ?= icount
BENCH_CPU ?= max,-erms,-fsrm
BENCH_PROFILE ?=
BENCH_PROGS := $(BUILD)/bench/bw $(BUILD)/bench/bnop

.PHONY: bench bench-run bench-host

$(BUILD)/bench/bw: $(BUILD)/obj/bench/progs/bw.o
	@mkdir -p $(dir $@)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) -o $@ $^

# Static: the fork+exec workload measures the exec, not a dynamic loader.
$(BUILD)/bench/bnop: bench/progs/bnop.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)$(CC) $(CFLAGS) -static -o $@ $<

# The host micro-benchmark (bench/host): c2auditd's own store and
# condition code and the library's trail writer, fed records laid out as
# the module writes them (tests/unit/recgen.c).
TRAILBENCH := $(BUILD)/bench/trailbench
TRAILBENCH_SRC := bench/progs/trailbench.c tests/unit/recgen.c \
	daemon/c2auditd/trail_files.c daemon/c2auditd/disk_actions.c
$(BUILD)/obj/bench/progs/trailbench.o: CPPFLAGS += -Idaemon/c2auditd -Itests/unit
$(TRAILBENCH): $(call obj,$(TRAILBENCH_SRC)) $(LIB)
	@mkdir -p $(dir $@)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LIBS)

# The packages first: the module's build needs the kernel headers.
bench:
	$(Q)tools/install-deps bench
	$(Q)$(MAKE) --no-print-directory bench-run
	$(Q)$(MAKE) --no-print-directory bench-host

bench-run: module tools $(VMPROGS) $(BENCH_PROGS)
	$(Q)bench/run --kernel $(KVER) --ko $(KMOD_OUT)/c2audit.ko --bin $(BUILD) \
		--secs $(BENCH_SECS) --workloads "$(BENCH_WORKLOADS)" \
		--scenarios "$(BENCH_SCENARIOS)" --clock $(BENCH_CLOCK) \
		--cpu $(BENCH_CPU) $(if $(BENCH_PROFILE),--profile) \
		$(if $(BENCH_RESULTS),--results $(BENCH_RESULTS))

# The trail writer natively on this machine, BENCH_HOST_SECS per chain, in
# a directory under $(BUILD) (on its disk: /tmp may be a tmpfs); its table
# goes after the guest's in BENCH_RESULTS.
BENCH_HOST_SECS ?= 5
bench-host: $(TRAILBENCH)
	$(Q)bench/host --prog $(TRAILBENCH) --dir $(BUILD) --secs $(BENCH_HOST_SECS) \
		$(if $(BENCH_RESULTS),--results $(BENCH_RESULTS))
