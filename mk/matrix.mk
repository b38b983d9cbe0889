# SPDX-License-Identifier: GPL-2.0
#
# The kernel matrix: every kernel of tools/matrix-kernels (Debian 12's 6.1,
# 6.1 PREEMPT_RT and 6.12), installed by `tools/install-deps matrix`.
#
#   make matrix      for each kernel: build the module (build/kmod/KVER, as
#                    `make module KVER=` does) and run the integration suite
#                    on it; then one line per kernel. Every kernel is tried
#                    even when one fails.
#
# `make check MATRIX=1` runs it in place of `make vm` (one kernel, $(KVER)),
# and check-dkms (mk/install.mk) on every kernel of the matrix too. TESTS=
# narrows the suite, as for `make vm`.

MATRIX ?= 0
MATRIX_OUT = $(BUILD)/matrix

.PHONY: matrix matrix-deps

matrix-deps:
	$(Q)tools/install-deps matrix

# The kernel list is read only once the packages are there, and each
# kernel is a target of its own, so `make -k` goes on past a failure.
matrix: matrix-deps tools $(VMPROGS)
	$(Q)rm -rf $(MATRIX_OUT) && mkdir -p $(MATRIX_OUT)
	$(Q)kvers=$$(tools/matrix-kernels) && \
	$(MAKE) --no-print-directory -k $$(for k in $$kvers; do \
		printf 'matrix-vm/%s ' "$$k"; done); \
	status=$$?; \
	echo "matrix: by kernel:"; \
	for k in $$kvers; do \
		printf '  %-28s %s\n' "$$k" \
		"$$(cat $(MATRIX_OUT)/$$k.result 2>/dev/null || echo 'FAIL: not run')"; \
	done; \
	exit $$status

# One kernel: its module, then the suite; the verdict goes to the summary.
matrix-vm/%: tools $(VMPROGS)
	$(Q)mkdir -p $(MATRIX_OUT) && rm -f $(MATRIX_OUT)/$*.failed && \
	echo "FAIL: module build" >$(MATRIX_OUT)/$*.result
	$(Q)start=$$(date +%s) && \
	$(MAKE) --no-print-directory module KVER=$* && \
	built=$$(date +%s) && \
	echo "FAIL: vm" >$(MATRIX_OUT)/$*.result && \
	{ tests/vm/run --kernel $* --ko $(BUILD)/kmod/$*/c2audit.ko \
		--bin $(BUILD) --tests "$(VM_TESTS)" || \
		touch $(MATRIX_OUT)/$*.failed; } | tee $(MATRIX_OUT)/$*.log && \
	echo "$$(tail -n 1 $(MATRIX_OUT)/$*.log)" \
		"(build $$((built - start))s, vm $$(($$(date +%s) - built))s)" \
		>$(MATRIX_OUT)/$*.result && \
	test ! -e $(MATRIX_OUT)/$*.failed
