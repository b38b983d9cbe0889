# SPDX-License-Identifier: GPL-2.0
#
# make check-debug: the integration suite on a debug build of Debian's 6.1
# (KASAN, kmemleak, lockdep, UBSAN, ...: tools/debug-kernel.config), booted
# with panic_on_warn=1, so any report fails the run and is shown.
# make check-debug-rt (or check-debug DEBUG_VARIANT=rt): the same on a
# PREEMPT_RT debug build of Debian's 6.12 (tools/debug-kernel-rt.config),
# where spinlock_t sleeps: a kmalloc or spin_lock in an atomic handler is
# reported there.
# make debug-kernel, debug-kernel-rt: only build (or find) that kernel.
# TESTS= picks tests as for make check; DEBUG_OUT=DIR gives the guest its
# own directory (tests/vm/run --out; default build/vm-run/RELEASE).
#
# The kernels are built once and cached outside $(BUILD), so `make clean`
# keeps them: tools/debug-kernel says where and when they are rebuilt.

DEBUG_VARIANT ?= 6.1

# Under TCG the debug kernel boots in ~1 min and a test takes ~10 times as
# long as on Debian's kernel (~2 min, 6 for 07-unload, with its kmemleak
# scans); the limits leave room for a busy machine.
DEBUG_TEST_TIMEOUT ?= 900
DEBUG_TIMEOUT ?= $(shell echo $$((600 + 300 * $(words $(wildcard tests/vm/tests/*/*.sh)))))
# loglevel=5: a WARN is printed at KERN_WARNING, and with panic_on_warn the
# guest never gets to pass it on through dmesg: the console must show it.
# no5lvl: QEMU's -cpu max has LA57, and 6.1's KASAN tells which addresses
# have shadow memory from the LA57 feature bit, which identify_cpu()
# clears for a moment at boot; an interrupt in that moment was reported as
# a wild-memory-access in the boot CPU (2 boots of ~10), before any module.
# 6.12 has the same code (identify_cpu() still clears the capabilities,
# pgtable_l5_enabled() still reads X86_FEATURE_LA57): rt boots with it too.
DEBUG_APPEND ?= panic_on_warn=1 loglevel=5 no5lvl

# tools/install-deps' group for each variant.
debug_deps_6.1 := debug
debug_deps_rt := debug_rt

.PHONY: check-debug debug-kernel check-debug-rt debug-kernel-rt

debug-kernel:
	$(Q)tools/install-deps $(or $(debug_deps_$(DEBUG_VARIANT)),debug)
	$(Q)tools/debug-kernel --variant $(DEBUG_VARIANT) >/dev/null

debug-kernel-rt:
	$(Q)$(MAKE) --no-print-directory debug-kernel DEBUG_VARIANT=rt

check-debug-rt:
	$(Q)$(MAKE) --no-print-directory check-debug DEBUG_VARIANT=rt

# The module is built as the module target does (a copy of the sources per
# kernel), but always through kbuild: it rebuilds it when the cached kernel
# changed, which the sources' timestamps alone would not tell.
check-debug: debug-kernel
	$(Q)$(MAKE) --no-print-directory tools $(VMPROGS)
	$(Q)dir=$$(tools/debug-kernel --variant $(DEBUG_VARIANT)) && \
	kver=$$(cat "$$dir/kernel.release") && \
	out=$(BUILD)/kmod/$$kver && \
	$(call kmod_copy,"$$out") && \
	$(MAKE) -C "$$dir/src" M="$$(cd "$$out" && pwd)" W=1 V=$(V) C2A_VERSION=$(VERSION) modules && \
	tests/vm/run --kernel "$$kver" --vmlinuz "$$dir/vmlinuz" \
		--ko "$$out/c2audit.ko" --bin $(BUILD) --append "$(DEBUG_APPEND)" \
		--timeout $(DEBUG_TIMEOUT) --test-timeout $(DEBUG_TEST_TIMEOUT) \
		$(if $(DEBUG_OUT),--out "$(DEBUG_OUT)") \
		$(if $(TESTS),--tests "$(TESTS)")
