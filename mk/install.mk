# SPDX-License-Identifier: GPL-2.0
#
# make install     (as root) the module through DKMS, built and installed
#                  for every kernel that has headers (DKMS_KVERS=) and, by
#                  AUTOINSTALL, for each kernel installed later; the tools;
#                  the files of INSTALL_FILES; the module loaded at boot
#                  (modules-load.d) and its parameters documented
#                  (modprobe.d).
# make uninstall   removes all of it.
# Both can be run again. With DESTDIR= (staging a package) the module's
# sources are only copied to DESTDIR/usr/src/c2audit-VERSION, for the
# package's postinst to run DKMS.
#
# make check-dkms  installs through DKMS into private trees and runs tests
#                  of the suite on the module DKMS installed
#                  (tools/dkms-test), for $(KVER), or every kernel of the
#                  matrix with MATRIX=1.

SBINDIR ?= $(PREFIX)/sbin
SYSCONFDIR ?= /etc
UNITDIR ?= $(PREFIX)/lib/systemd/system
DKMS_KVERS ?= $(patsubst /lib/modules/%/build/Makefile,%,\
	      $(wildcard /lib/modules/*/build/Makefile))

# What is installed as it is, one file a line: the file in the tree, the
# directory it goes to, its mode.
INSTALL_FILES = \
	$(CLI) $(SBINDIR) 0755 \
	$(DAEMON) $(SBINDIR) 0755 \
	$(FORWARDER) $(SBINDIR) 0755

# Configuration: installed where there is none, never over the admin's;
# removed by uninstall only while it is still the sample.
CONFIG_FILES = etc/c2auditd.conf
CONFIG_DIR = $(DESTDIR)$(SYSCONFDIR)/c2audit
# The sample rules.d goes in whole where there is none, never beside the
# admin's: a file added there would change what is audited.
RULES_FILES = $(wildcard etc/rules.d/*.rules)
RULES_DIR = $(CONFIG_DIR)/rules.d
UNIT_FILE = $(DESTDIR)$(UNITDIR)/c2auditd.service
FWD_UNIT_FILE = $(DESTDIR)$(UNITDIR)/c2audit-forward.service
HAVE_SYSTEMD = [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]

MODLOAD_CONF = $(DESTDIR)$(SYSCONFDIR)/modules-load.d/c2audit.conf
MODPROBE_CONF = $(DESTDIR)$(SYSCONFDIR)/modprobe.d/c2audit.conf

.PHONY: install uninstall check-version check-dkms check-dkms-run

check-version:
	$(Q)tools/check-version >/dev/null

# The module first: nothing is set to load at boot that is not there. The
# modprobe.d snippet is made from the module's own parameter list (the one
# built here for $(KVER) has the same as DKMS's).
install: check-version tools module
ifeq ($(DESTDIR),)
	@[ "$$(id -u)" = 0 ] || { echo "install: run as root (DKMS, $(SYSCONFDIR))" >&2; exit 1; }
	$(Q)tools/install-deps dkms
	$(Q)tools/dkms install $(DKMS_KVERS)
else
	$(Q)rm -rf $(DESTDIR)/usr/src/c2audit-$(VERSION) && \
	tools/dkms stage $(DESTDIR)/usr/src/c2audit-$(VERSION) && \
	echo "install: $(DESTDIR)/usr/src/c2audit-$(VERSION)"
endif
	$(Q)set -- $(INSTALL_FILES); while [ $$# -gt 0 ]; do \
		install -D -m $$3 $$1 $(DESTDIR)$$2/$${1##*/} && \
		echo "install: $(DESTDIR)$$2/$${1##*/}" && shift 3 || exit 1; \
	done
	$(Q)for f in $(CONFIG_FILES); do \
		t=$(CONFIG_DIR)/$${f##*/}; \
		if [ -e $$t ]; then echo "install: $$t exists: kept"; \
		else install -D -m 0644 $$f $$t && echo "install: $$t" || exit 1; fi; \
	done
	$(Q)if [ -e $(RULES_DIR) ]; then echo "install: $(RULES_DIR) exists: kept"; \
	else for f in $(RULES_FILES); do \
		install -D -m 0644 $$f $(RULES_DIR)/$${f##*/} || exit 1; \
	done && echo "install: $(RULES_DIR)"; fi
	$(Q)mkdir -p $(dir $(UNIT_FILE)) && \
	sed 's|@SBINDIR@|$(SBINDIR)|g' etc/c2auditd.service >$(UNIT_FILE) && \
	chmod 0644 $(UNIT_FILE) && echo "install: $(UNIT_FILE)"
	$(Q)sed 's|@SBINDIR@|$(SBINDIR)|g' etc/c2audit-forward.service >$(FWD_UNIT_FILE) && \
	chmod 0644 $(FWD_UNIT_FILE) && echo "install: $(FWD_UNIT_FILE)"
	@# the trail's readers' group (log_group), c2audit-forward's
	$(Q)if [ -z "$(DESTDIR)" ] && ! getent group c2audit >/dev/null; then \
		groupadd --system c2audit && echo "install: group c2audit"; fi
	$(Q)if $(HAVE_SYSTEMD); then systemctl daemon-reload; fi
	$(Q)mkdir -p $(dir $(MODLOAD_CONF)) && \
	printf '%s\n' '# Load the c2audit module at boot (make install).' c2audit \
		>$(MODLOAD_CONF) && echo "install: $(MODLOAD_CONF)"
	$(Q)if [ -e $(MODPROBE_CONF) ] && grep -q '^[[:space:]]*options' $(MODPROBE_CONF); then \
		echo "install: $(MODPROBE_CONF) sets options: kept"; \
	else \
		mkdir -p $(dir $(MODPROBE_CONF)) && \
		tools/modprobe-conf $(KMOD_OUT)/c2audit.ko >$(MODPROBE_CONF) && \
		echo "install: $(MODPROBE_CONF)"; \
	fi
ifeq ($(DESTDIR),)
	@echo "install: done; load it now with 'modprobe c2audit'," \
		"and start the trail with 'systemctl enable --now c2auditd'"
endif

uninstall:
ifeq ($(DESTDIR),)
	@[ "$$(id -u)" = 0 ] || { echo "uninstall: run as root (DKMS, $(SYSCONFDIR))" >&2; exit 1; }
endif
	$(Q)if $(HAVE_SYSTEMD) && [ -e $(UNIT_FILE) ]; then \
		systemctl disable --now c2audit-forward.service c2auditd.service 2>/dev/null || true; fi
	$(Q)set -- $(INSTALL_FILES); while [ $$# -gt 0 ]; do \
		rm -f $(DESTDIR)$$2/$${1##*/} && shift 3 || exit 1; \
	done
	$(Q)rm -f $(UNIT_FILE) $(FWD_UNIT_FILE)
	$(Q)if $(HAVE_SYSTEMD); then systemctl daemon-reload; fi
	$(Q)for f in $(CONFIG_FILES); do \
		t=$(CONFIG_DIR)/$${f##*/}; \
		if [ -e $$t ] && ! cmp -s $$f $$t; then echo "uninstall: $$t was changed: kept"; \
		else rm -f $$t; fi; \
	done
	$(Q)for f in $(RULES_FILES); do \
		t=$(RULES_DIR)/$${f##*/}; \
		if [ -e $$t ] && ! cmp -s $$f $$t; then echo "uninstall: $$t was changed: kept"; \
		else rm -f $$t; fi; \
	done; rmdir $(RULES_DIR) $(CONFIG_DIR) 2>/dev/null || true
	@echo "uninstall: the audit trail (log_dir, /var/log/c2audit by default) is kept"
	$(Q)rm -f $(MODLOAD_CONF) $(MODPROBE_CONF)
ifneq ($(DESTDIR),)
	$(Q)rm -rf $(DESTDIR)/usr/src/c2audit-$(VERSION)
else
	$(Q)tools/dkms uninstall
	@! grep -qw '^c2audit' /proc/modules 2>/dev/null || \
		echo "uninstall: c2audit is still loaded: 'rmmod c2audit' unloads it"
endif
	@echo "uninstall: done"

# The whole suite already ran on the same sources built in the tree: on the
# DKMS build, loading, the parameters and a capture of each kind (64-bit,
# 32-bit) are enough, and keep `make check MATRIX=1` short. TESTS= or
# DKMS_TESTS='*' for more.
DKMS_TESTS ?= 01-load 02-open 03-exec 16-m32

# The packages first, then a new make: the tools and test programs need
# them, and KVER (tools/default-kernel) is read when make starts.
check-dkms:
	$(Q)tools/install-deps check dkms $(if $(filter 1,$(MATRIX)),matrix)
	$(Q)$(MAKE) --no-print-directory check-dkms-run

check-dkms-run: check-version tools $(VMPROGS)
	$(Q)tools/dkms-test --bin $(BUILD) --tests "$(or $(TESTS),$(DKMS_TESTS))" \
		$(if $(filter 1,$(MATRIX)),$$(tools/matrix-kernels),$(KVER))

check: check-version
