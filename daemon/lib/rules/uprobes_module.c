// SPDX-License-Identifier: GPL-2.0
/* uprobes between the rules file's form and the module's ioctls. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

#include "c2audit.h"
#include "log.h"
#include "uprobes_module.h"

static void explain(const char *what, const struct uprobe_probe *p)
{
	const char *fn = p ? p->function : "";
	const char *lib = p ? p->path : "";

	switch (errno) {
	case EPERM:
		log_warnx("%s: refused: the configuration is locked until reboot, the device is not open for writing, or (to set one) CAP_SYS_ADMIN is missing",
			  what);
		return;
	case ENOTTY:
		log_warnx("%s: this module has no uprobes: install matching versions of module and tools",
			  what);
		return;
	case ENOSPC:
		log_warnx("%s %s of %s: the module holds %d uprobes at most",
			  what, fn, lib, C2A_UPROBES_MAX);
		return;
	case EINVAL:
		if (p) {
			log_warnx("%s %s of %s: the module refused it (offset %#llx beyond the file, or not a regular file)",
				  what, fn, lib, (unsigned long long)p->offset);
			return;
		}
	}
	if (p)
		log_warn("%s %s of %s", what, fn, lib);
	else
		log_warn("%s", what);
}

int uprobeio_fetch(int fd, struct uprobe_set *set)
{
	char path[PATH_MAX + 1], fn[C2A_UPROBE_FUNC_MAX + 1];

	memset(set, 0, sizeof(*set));
	for (uint32_t i = 0;; i++) {
		struct c2a_uprobe_spec s = {
			.size = sizeof(s), .position = i,
			.path_ptr = (uintptr_t)path, .path_len = PATH_MAX,
			.function_ptr = (uintptr_t)fn,
			.function_len = C2A_UPROBE_FUNC_MAX,
		};

		if (ioctl(fd, C2A_IOC_UPROBE_GET, &s)) {
			/* The end, or the probes changed while they were read. */
			if (errno == ENOENT)
				return 0;
			explain("read the uprobes", NULL);
			uprobe_set_free(set);
			return -1;
		}
		if (s.path_len > PATH_MAX || s.function_len > C2A_UPROBE_FUNC_MAX) {
			log_warnx("read uprobe %u: a name longer than the module allows",
				  i);
			uprobe_set_free(set);
			return -1;
		}
		path[s.path_len] = '\0';
		fn[s.function_len] = '\0';
		uprobe_add(set, path, fn, s.offset);
		set->probes[set->count - 1].id = s.probe_id;
		set->probes[set->count - 1].hits = s.hits;
	}
}

static bool same(const struct uprobe_probe *a, const struct uprobe_probe *b)
{
	return a->offset == b->offset && !strcmp(a->path, b->path) &&
	       !strcmp(a->function, b->function);
}

static bool in_set(const struct uprobe_set *set, const struct uprobe_probe *p)
{
	for (size_t i = 0; i < set->count; i++)
		if (same(&set->probes[i], p))
			return true;
	return false;
}

static int add_one(int fd, const struct uprobe_probe *p)
{
	struct c2a_uprobe_spec s = {
		.size = sizeof(s), .offset = p->offset,
		.path_ptr = (uintptr_t)p->path, .path_len = strlen(p->path),
		.function_ptr = (uintptr_t)p->function,
		.function_len = strlen(p->function),
	};

	if (!ioctl(fd, C2A_IOC_UPROBE_ADD, &s))
		return 0;
	explain("set uprobe", p);
	return -1;
}

static int del_one(int fd, const struct uprobe_probe *p)
{
	struct c2a_uprobe_ref ref = { .size = sizeof(ref), .probe_id = p->id };

	/* Gone already: someone else removed it meanwhile. */
	if (!ioctl(fd, C2A_IOC_UPROBE_DEL, &ref) || errno == ENOENT)
		return 0;
	explain("remove uprobe", p);
	return -1;
}

/*
 * Makes the module's probes those of @want: probes in force that are
 * wanted stay, without a gap in their records; the others go, the
 * missing are set.
 */
int uprobeio_apply(int fd, const struct uprobe_set *want)
{
	struct uprobe_set have;
	int ret = 0;

	if (uprobeio_fetch(fd, &have))
		return -1;
	for (size_t i = 0; !ret && i < have.count; i++)
		if (!in_set(want, &have.probes[i]))
			ret = del_one(fd, &have.probes[i]);
	for (size_t i = 0; !ret && i < want->count; i++)
		if (!in_set(&have, &want->probes[i]))
			ret = add_one(fd, &want->probes[i]);
	uprobe_set_free(&have);
	return ret;
}

/* Whether applying @want would change the probes @have. */
bool uprobe_set_differs(const struct uprobe_set *have,
			const struct uprobe_set *want)
{
	for (size_t i = 0; i < have->count; i++)
		if (!in_set(want, &have->probes[i]))
			return true;
	for (size_t i = 0; i < want->count; i++)
		if (!in_set(have, &want->probes[i]))
			return true;
	return false;
}

int uprobeio_flush(int fd)
{
	struct c2a_command c = { .size = sizeof(c) };

	if (!ioctl(fd, C2A_IOC_UPROBES_FLUSH, &c))
		return 0;
	explain("remove the uprobes", NULL);
	return -1;
}
