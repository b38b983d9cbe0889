# SPDX-License-Identifier: GPL-2.0
#
# c2audit: `make` builds the module and the tools, `make check` tests them in
# a QEMU guest, `make demo` shows live records in one. Every path below can be
# overridden on the command line.

# The one statement of the version: the programs' --version, the module
# (Kbuild), DKMS (tools/dkms stage) and the Debian packages (mk/deb.mk).
VERSION := 0.1.0

# KERNEL= (or KVER=) names the kernel release to build for and boot.
KVER ?= $(or $(KERNEL),$(shell tools/default-kernel))
KDIR ?= /lib/modules/$(KVER)/build
BUILD ?= build
PREFIX ?= /usr/local
DESTDIR ?=
V ?= 0

CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wno-missing-field-initializers
# Every room may include lib/ (daemon/lib and its sub-rooms).
LIB_DIRS := daemon/lib daemon/lib/trail daemon/lib/rules daemon/lib/linuxaudit
CPPFLAGS += -Iinclude $(addprefix -I,$(LIB_DIRS)) -D_GNU_SOURCE
CPPFLAGS += -DC2A_VERSION='"$(VERSION)"'
# The trail's hash chain (daemon/lib/trail/trail_chain.c) uses libcrypto;
# the rules' uprobe statements read symbol tables with libelf
# (daemon/lib/rules/elfsym.c).
LIB_LIBS := $(shell pkg-config --libs libcrypto 2>/dev/null || echo -lcrypto) \
	    $(shell pkg-config --libs libelf 2>/dev/null || echo -lelf)
# auditctl's rules files are parsed by libaudit, auditctl's own parser
# (daemon/lib/rules/auditctl.c).
# Messages of Linux's audit (logins, sudo, AppArmor): libaudit names their
# types and talks to the kernel's audit socket (daemon/c2auditd/kaudit.c).
LIB_LIBS += $(shell pkg-config --libs audit 2>/dev/null || echo -laudit)
# The outputs (daemon/forward/): Lua 5.4 filters, TLS, their threads.
LIB_LIBS += $(shell pkg-config --libs lua5.4 openssl 2>/dev/null || \
	      echo -llua5.4 -lssl -lcrypto) -lpthread
CPPFLAGS += $(shell pkg-config --cflags lua5.4 2>/dev/null || \
	      echo -I/usr/include/lua5.4)
ifeq ($(CI),true)
CFLAGS += -Werror
endif

ifeq ($(V),0)
Q := @
quiet = @printf '  %-7s %s\n' $(1) $(2);
else
Q :=
quiet =
endif

KMOD_SRC := Kbuild $(wildcard kmod/*.[chS] kmod/*/*.[chS]) include/c2audit.h
# Copies the module's sources into the per-kernel build tree $(1) and
# removes the copies of sources that are gone (moved or deleted): a stale
# header there would be found before the real one.
kmod_copy = mkdir -p $(1) && cp -ru Kbuild kmod include $(1)/ && \
	(cd $(1) && find kmod include -name '*.[chS]' | while read -r f; do \
		[ -e "$(CURDIR)/$$f" ] || rm -f "$$f"; done)
KMOD_OUT := $(BUILD)/kmod/$(KVER)

# User space, one folder a role (each folder's README says what it may
# include): lib/ (records, the trail format, rules; includes only lib/),
# forward/ (the outputs), detect/ (the detection engine), cli/ (c2audit),
# c2auditd/ (the trail writer). The library holds all but the programs.
LIB_SRC := $(wildcard $(addsuffix /*.c,$(LIB_DIRS)))
# The outputs (doc/outputs.md): the daemon's secondary outputs and
# filters.
OUT_SRC := $(wildcard daemon/forward/*.c)
DETECT_SRC := $(wildcard daemon/detect/*.c)
LIB_SRC += $(OUT_SRC) $(DETECT_SRC)
CLI_SRC := $(wildcard daemon/cli/*.c)
DAEMON_SRC := $(wildcard daemon/c2auditd/*.c)
FWD_SRC := $(wildcard daemon/forwarder/*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)
VMPROG_SRC := $(wildcard tests/vm/progs/*.c)
VMPROG32_SRC := $(wildcard tests/vm/progs32/*.c)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
LIB := $(BUILD)/libc2audit.a
CLI := $(BUILD)/c2audit
DAEMON := $(BUILD)/c2auditd
FORWARDER := $(BUILD)/c2audit-forward
UNIT := $(BUILD)/unit-tests
VMPROGS := $(patsubst tests/vm/progs/%.c,$(BUILD)/vm/%,$(VMPROG_SRC)) \
	   $(patsubst tests/vm/progs32/%.c,$(BUILD)/vm/%,$(VMPROG32_SRC))

.PHONY: all module tools check unit unit-asan vm demo demo-run deps sparse clean
.SECONDARY:
all: module tools

module: $(KMOD_OUT)/c2audit.ko

# Built in a per-kernel copy of the sources, as DKMS does, so kernels of
# the matrix do not overwrite each other's objects. Not cp -p: a copy made
# while a source changed would keep the source's old time, older than the
# objects built from the copy before, and kbuild would keep them.
$(KMOD_OUT)/c2audit.ko: $(KMOD_SRC) Makefile
	@test -n "$(KVER)" -a -d "$(KDIR)" || \
		{ echo "no kernel headers in '$(KDIR)': run 'make deps' or set KDIR=" >&2; exit 1; }
	$(Q)$(call kmod_copy,$(KMOD_OUT))
	$(Q)$(MAKE) -C $(KDIR) M=$(abspath $(KMOD_OUT)) W=1 V=$(V) C2A_VERSION=$(VERSION) modules

sparse: $(KMOD_SRC)
	$(Q)$(call kmod_copy,$(KMOD_OUT))
	$(Q)$(MAKE) -C $(KDIR) M=$(abspath $(KMOD_OUT)) W=1 C=2 C2A_VERSION=$(VERSION) modules

tools: $(CLI) $(DAEMON) $(FORWARDER)

# --version
$(call obj,daemon/cli/main.c daemon/c2auditd/main.c): Makefile

# lib/, forward/ and detect/ see only lib/ (and their own folder): a file
# there that includes another room's header does not build. The programs
# and the tests see the rooms they use.
$(BUILD)/obj/daemon/cli/%.o: CPPFLAGS += -Idaemon/forward -Idaemon/detect
$(BUILD)/obj/daemon/forwarder/%.o: CPPFLAGS += -Idaemon/forward
$(BUILD)/obj/tests/%.o: CPPFLAGS += -Idaemon/forward -Idaemon/detect

$(BUILD)/obj/%.o: %.c $(wildcard include/*.h daemon/*/*.h daemon/*/*/*.h)
	@mkdir -p $(dir $@)
	$(call quiet,CC,$<)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIB): $(call obj,$(LIB_SRC))
	$(call quiet,AR,$@)rm -f $@ && $(AR) rcs $@ $^

$(CLI): $(call obj,$(CLI_SRC)) $(LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LIBS)

$(DAEMON): $(call obj,$(DAEMON_SRC)) $(LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LIBS)

$(FORWARDER): $(call obj,$(FWD_SRC)) $(LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LIBS)

$(UNIT): CFLAGS += $(shell pkg-config --cflags check 2>/dev/null)
$(UNIT): $(call obj,$(UNIT_SRC)) $(LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(shell pkg-config --libs check) $(LIB_LIBS)

$(BUILD)/vm/%: $(BUILD)/obj/tests/vm/progs/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(LIB_LIBS)

# 32-bit test programs: static, so the guest needs no 32-bit libraries.
$(BUILD)/vm/%: tests/vm/progs32/%.c tests/vm/progs/expect.h
	@mkdir -p $(dir $@)
	$(call quiet,CC32,$@)$(CC) -m32 -static -fno-pie -no-pie -O2 -D_GNU_SOURCE -Wall \
		-Wextra -Itests/vm/progs -o $@ $<

$(BUILD)/vm/sc_uring: LDLIBS += -luring
$(BUILD)/vm/attack: LDLIBS += -lpthread
$(BUILD)/vm/obstest: LDLIBS += -lpthread
$(BUILD)/vm/ransim: LDLIBS += -lcrypto
$(BUILD)/obj/tests/vm/progs/sc_int80.o: CFLAGS += -fno-pie
$(BUILD)/vm/sc_int80: LDFLAGS += -no-pie

# Syscall names by number, from this system's <asm/unistd_*.h>.
GEN := $(BUILD)/gen
sysnr_table = echo '\#include <asm/unistd_$(1).h>' | $(CC) -E -dM - | \
	sed -n 's/^\#define __NR_\([a-z0-9_]*\) \([0-9][0-9]*\)$$/SYSNR(\2, \1)/p'

$(GEN)/sysnr%.h:
	@mkdir -p $(dir $@)
	$(call quiet,GEN,$@)$(call sysnr_table,$*) >$@.tmp && \
		test -s $@.tmp && mv $@.tmp $@

$(BUILD)/obj/daemon/lib/sysnr.o: $(GEN)/sysnr64.h $(GEN)/sysnr32.h
$(BUILD)/obj/daemon/lib/sysnr.o: CPPFLAGS += -I$(GEN)

deps:
	$(Q)tools/install-deps check

# The one test command: unit tests, then the integration suite in a guest
# (on every kernel of the matrix with MATRIX=1), then on the module as DKMS
# installs it (mk/matrix.mk, mk/install.mk).
check: deps
	$(Q)$(MAKE) --no-print-directory unit
	$(Q)$(MAKE) --no-print-directory $(if $(filter 1,$(MATRIX)),matrix,vm)
	$(Q)$(MAKE) --no-print-directory check-dkms

unit: $(UNIT)
	$(Q)$(UNIT)

# The unit tests again under AddressSanitizer and UBSan, built apart in
# build/asan: the reproducers of what fuzzing found must pass under them.
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	     -fno-omit-frame-pointer
unit-asan:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/asan \
		CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" $(BUILD)/asan/unit-tests
	$(Q)ASAN_OPTIONS=detect_leaks=0 $(BUILD)/asan/unit-tests

# TESTS= picks tests (names or patterns); SKIP_TESTS= leaves some out of all.
# Tests are named by their files' names, in one folder a group
# (tests/vm/tests/GROUP/NN-name.sh), and run in their names' order.
VM_TESTS = $(or $(TESTS),$(filter-out $(SKIP_TESTS),$(sort $(basename $(notdir $(wildcard tests/vm/tests/*/*.sh))))))

vm: module tools $(VMPROGS)
	$(Q)tests/vm/run --kernel $(KVER) --ko $(KMOD_OUT)/c2audit.ko \
		--bin $(BUILD) --tests "$(VM_TESTS)"

# The packages first, then a new make: KVER (tools/default-kernel) is read
# when make starts, and on a fresh system the kernel comes with them.
demo:
	$(Q)tools/install-deps demo
	$(Q)$(MAKE) --no-print-directory demo-run

demo-run: module tools $(VMPROGS)
	$(Q)tests/vm/run --demo --kernel $(KVER) --ko $(KMOD_OUT)/c2audit.ko \
		--bin $(BUILD)

clean:
	rm -rf $(BUILD)

# Further targets (kernel matrix, DKMS, debug kernel) live in mk/.
include $(wildcard mk/*.mk)
