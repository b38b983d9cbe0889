# SPDX-License-Identifier: GPL-2.0
#
# make deb        the Debian packages c2audit-dkms (the module's sources,
#                 built by DKMS on the target) and c2audit (the programs,
#                 unit, configuration, man pages), with dpkg-buildpackage
#                 and debhelper (debian/), checked by lintian, into
#                 $(DEB_OUT). The build runs in a copy of the tree
#                 ($(DEB_OUT)/src), since dpkg-buildpackage writes to the
#                 parent directory; its debian/changelog is written there
#                 from VERSION, the one statement of the version.
# make check-deb  boots a Debian 12 system (tools/deb-image) with the two
#                 packages installed by apt, under QEMU with systemd as
#                 init, and tests them there (tests/deb/run).
# make man-lint   checks the man pages (doc/man) with mandoc and man.

DEB_OUT ?= $(BUILD)/deb
DEB_SRC := $(DEB_OUT)/src/c2audit-$(VERSION)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEBS := $(DEB_OUT)/c2audit-dkms_$(VERSION)_all.deb \
	$(DEB_OUT)/c2audit_$(VERSION)_$(DEB_ARCH).deb
MAN_PAGES := $(wildcard doc/man/*.[1-8])
# The changelog's date: the last commit's, so a rebuild of the same tree
# makes the same packages.
DEB_DATE := $(shell git log -1 --format=%aD 2>/dev/null || date -R)
DEB_MAINT := $(shell sed -n 's/^Maintainer: //p' debian/control)

.PHONY: deb check-deb man-lint

man-lint:
	$(Q)tools/install-deps deb
	$(Q)for m in $(MAN_PAGES); do \
		mandoc -T lint -W warning $$m || exit 1; \
		out=$$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l $$m 2>&1 >/dev/null); \
		[ -z "$$out" ] || { echo "$$m: $$out" >&2; exit 1; }; \
	done; echo "man-lint: $(words $(MAN_PAGES)) pages clean"

# The copy: what git tracks (the tree as committed and staged, with its
# uncommitted edits), or everything but build/ outside a git checkout.
deb: check-version man-lint
	$(Q)tools/install-deps deb
	$(Q)rm -rf $(DEB_OUT) && mkdir -p $(DEB_SRC)
	$(Q)if git rev-parse --git-dir >/dev/null 2>&1; then \
		git ls-files -z --cached --others --exclude-standard | \
			xargs -0 cp --parents -t $(DEB_SRC) --; \
	else \
		tar -c --exclude=./$(BUILD) . | tar -x -C $(DEB_SRC); \
	fi
	$(Q)printf '%s\n' 'c2audit ($(VERSION)) unstable; urgency=medium' '' \
		'  * Version $(VERSION) (from the Makefile; see git log for changes).' '' \
		' -- $(DEB_MAINT)  $(DEB_DATE)' >$(DEB_SRC)/debian/changelog
	$(Q)cd $(DEB_SRC) && dpkg-buildpackage -b -us -uc >../build.log 2>&1 || \
		{ tail -40 ../build.log >&2; echo "deb: failed; log in $(DEB_OUT)/src/build.log" >&2; exit 1; }
	$(Q)mv $(DEB_OUT)/src/*.deb $(DEB_OUT)/src/*.changes $(DEB_OUT)/src/*.buildinfo $(DEB_OUT)/
	$(Q)lintian --fail-on error,warning --info $(DEB_OUT)/*.changes
	$(Q)ls -1 $(DEBS)

# The guest's checks read the trail with the suite's reccheck and trailcat
# and call a library function under a uprobe with ransim.
DEB_CHECK_PROGS := $(addprefix $(BUILD)/vm/,reccheck trailcat ransim)

check-deb: deb $(DEB_CHECK_PROGS)
	$(Q)tests/deb/run --out $(or $(DEB_TEST_OUT),$(BUILD)/vm-deb) --bin $(BUILD) \
		--kernel $(KVER) $(DEBS)
