# SPDX-License-Identifier: GPL-2.0
#
# Fuzzing the parsers of untrusted input (tests/fuzz/fuzz_*.c): record
# reassembly, the trail reader, the rules, c2auditd.conf with its output
# sections, detect settings. libFuzzer with clang (tools/install-deps fuzz),
# under ASan and UBSan; the library is built again from LIB_SRC into
# build/fuzz/ with clang's coverage instrumentation.
#
#   make fuzz       each target FUZZ_SECS seconds (default 300)
#   make fuzz-ci    each target FUZZ_CI_SECS seconds (default 50), for CI
#
# The seed corpus is made by tests/fuzz/gen_corpus.c; what the fuzzer adds
# is kept in build/fuzz/work/TARGET. A crash leaves build/fuzz/crash-TARGET-*
# and fails the run; rerun it with build/fuzz/fuzz_TARGET FILE, and make it
# a unit test once fixed.

FUZZ_CC ?= clang
FUZZ_SECS ?= 300
FUZZ_CI_SECS ?= 50
FUZZ_BUILD := $(BUILD)/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -O1 -g -fno-omit-frame-pointer -std=gnu11 -Wall -Wextra \
	       -Wno-missing-field-initializers \
	       $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(filter -Werror,$(CFLAGS))
FUZZ_CPPFLAGS = $(CPPFLAGS) -Itests/fuzz -Itests/unit
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))
FUZZ_LIB_OBJ := $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(LIB_SRC) tests/unit/recgen.c)
FUZZ_LIB := $(FUZZ_BUILD)/libc2audit-fuzz.a
FUZZ_GEN := $(FUZZ_BUILD)/gen_corpus
FUZZ_CORPUS := $(FUZZ_BUILD)/corpus

.PHONY: fuzz fuzz-ci fuzz-build

# The targets look at what the programs show, as the tests do.
$(FUZZ_BUILD)/obj/tests/%.o: CPPFLAGS += -Idaemon/forward -Idaemon/detect

$(FUZZ_BUILD)/obj/%.o: %.c $(wildcard include/*.h daemon/*/*.h daemon/*/*/*.h tests/fuzz/*.h)
	@mkdir -p $(dir $@)
	$(call quiet,FUZZCC,$<)$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

$(filter %/sysnr.o,$(FUZZ_LIB_OBJ)): $(GEN)/sysnr64.h $(GEN)/sysnr32.h
$(filter %/sysnr.o,$(FUZZ_LIB_OBJ)): CPPFLAGS += -I$(GEN)

$(FUZZ_LIB): $(FUZZ_LIB_OBJ)
	$(call quiet,AR,$@)$(AR) rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_%.o $(FUZZ_LIB)
	$(call quiet,LD,$@)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LIB_LIBS)

# The seed generator is an ordinary program of the normal build.
$(BUILD)/obj/tests/fuzz/gen_corpus.o: CPPFLAGS += -Itests/unit
$(FUZZ_GEN): $(BUILD)/obj/tests/fuzz/gen_corpus.o $(BUILD)/obj/tests/unit/recgen.o $(LIB)
	@mkdir -p $(dir $@)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LIBS)

$(FUZZ_CORPUS)/.made: $(FUZZ_GEN) $(wildcard etc/rules.d/*.rules) etc/c2auditd.conf
	$(Q)rm -rf $(FUZZ_CORPUS)
	$(call quiet,GEN,$(FUZZ_CORPUS))$(FUZZ_GEN) $(FUZZ_CORPUS)
	$(Q)for f in etc/rules.d/*.rules; do \
		cp $$f $(FUZZ_CORPUS)/rules/etc-$$(basename $$f); done
	$(Q)cp etc/c2auditd.conf $(FUZZ_CORPUS)/conf/etc-c2auditd.conf
	$(Q)touch $@

fuzz-build: $(FUZZ_BINS) $(FUZZ_CORPUS)/.made

# Each target in turn, its output in build/fuzz/TARGET.log; on a crash the
# report of a rerun on the input that crashed it, then failure at the end.
fuzz: fuzz-build
	$(Q)failed=""; \
	for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_BUILD)/work/$$t; \
		printf '  %-7s %s (%ss)\n' FUZZ $$t $(FUZZ_SECS); \
		start=$$(date +%s); \
		if $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECS) \
			-timeout=10 -rss_limit_mb=2048 -close_fd_mask=3 \
			-print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/crash-$$t- \
			$(FUZZ_BUILD)/work/$$t $(FUZZ_CORPUS)/$$t \
			>$(FUZZ_BUILD)/$$t.log 2>&1; then \
			printf '          %s: %ss, %s runs, %s in its corpus, no crash\n' $$t \
				$$(( $$(date +%s) - start )) \
				"$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_BUILD)/$$t.log)" \
				"$$(ls $(FUZZ_BUILD)/work/$$t | wc -l)"; \
		else \
			failed="$$failed $$t"; \
			tail -n 5 $(FUZZ_BUILD)/$$t.log; \
			for c in $$(sed -n 's/.*Test unit written to \(.*\)$$/\1/p' $(FUZZ_BUILD)/$$t.log); do \
				echo "$$t: crashed on $$c; rerun: $(FUZZ_BUILD)/fuzz_$$t $$c"; \
				$(FUZZ_BUILD)/fuzz_$$t $$c 2>&1 | grep -v '^INFO:' | head -n 40; \
			done; \
		fi; \
	done; \
	[ -z "$$failed" ] || { echo "fuzz: crashes in:$$failed" >&2; exit 1; }

fuzz-ci:
	$(Q)$(MAKE) --no-print-directory fuzz FUZZ_SECS=$(FUZZ_CI_SECS)
