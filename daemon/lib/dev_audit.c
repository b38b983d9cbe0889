// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "dev_audit.h"
#include "log.h"

enum dev_kind { DEV_READER, DEV_CONTROL, DEV_QUERY };

static const struct {
	int flags;
	const char *what;
	const char *cap;
} dev_kinds[] = {
	[DEV_READER] = { O_RDONLY, "reading records", "CAP_AUDIT_READ" },
	[DEV_CONTROL] = { O_WRONLY, "changing the configuration",
			  "CAP_AUDIT_CONTROL" },
	/* O_ACCMODE opens for ioctl only: neither a reader nor a writer. */
	[DEV_QUERY] = { O_ACCMODE, "querying the module",
			"CAP_AUDIT_READ or CAP_AUDIT_CONTROL" },
};

static void explain_busy(const char *path)
{
	struct c2a_status st;
	int fd = open(path, O_ACCMODE | O_CLOEXEC);

	if (fd >= 0 && !dev_get_status(fd, &st) && st.reader_pid)
		log_warnx("%s: another reader holds it (pid %u); stop that reader first (c2auditd: systemctl stop c2auditd)",
			  path, st.reader_pid);
	else
		log_warnx("%s: another reader holds it", path);
	if (fd >= 0)
		close(fd);
}

static void explain_open_error(const char *path, int err, enum dev_kind kind)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		log_warnx("%s: not found: the module is not loaded; run `modprobe c2audit`",
			  path);
		return;
	case EPERM:
	case EACCES:
		log_warnx("%s: permission denied: %s needs %s (run as root)",
			  path, dev_kinds[kind].what, dev_kinds[kind].cap);
		return;
	case EBUSY:
		explain_busy(path);
		return;
	}
	log_warnx("%s: %s", path, strerror(err));
}

/* Checks that module and tools speak the same record format. */
static int dev_check_abi(int fd, const char *path)
{
	struct c2a_version v;

	if (dev_get_version(fd, &v))
		return -1;
	if (v.abi_version != C2A_ABI_VERSION || v.record_size != C2A_RECORD_SIZE) {
		log_warnx("%s: module speaks ABI %u (records of %u bytes), these tools ABI %u: install matching versions",
			  path, v.abi_version, v.record_size, C2A_ABI_VERSION);
		return -1;
	}
	return 0;
}

static int dev_open(const char *path, enum dev_kind kind, int extra)
{
	int fd = open(path, dev_kinds[kind].flags | extra | O_CLOEXEC);

	if (fd < 0) {
		explain_open_error(path, errno, kind);
		return -1;
	}
	if (dev_check_abi(fd, path)) {
		close(fd);
		return -1;
	}
	return fd;
}

int dev_open_reader(const char *path, bool nonblock)
{
	return dev_open(path, DEV_READER, nonblock ? O_NONBLOCK : 0);
}

int dev_open_control(const char *path)
{
	return dev_open(path, DEV_CONTROL, 0);
}

int dev_open_query(const char *path)
{
	return dev_open(path, DEV_QUERY, 0);
}

static int dev_ioctl(int fd, unsigned long cmd, void *arg, const char *what)
{
	if (ioctl(fd, cmd, arg) == 0)
		return 0;
	log_warn("%s", what);
	return -1;
}

int dev_get_version(int fd, struct c2a_version *v)
{
	memset(v, 0, sizeof(*v));
	v->size = sizeof(*v);
	return dev_ioctl(fd, C2A_IOC_GET_VERSION, v, "get module version");
}

int dev_get_status(int fd, struct c2a_status *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	return dev_ioctl(fd, C2A_IOC_GET_STATUS, st, "get module status");
}

/* On the reader's descriptor: it reads no more, the system goes down. */
int dev_halting(int fd)
{
	struct c2a_command c = { .size = sizeof(c) };

	return dev_ioctl(fd, C2A_IOC_HALTING, &c, "tell the module the system halts");
}

/*
 * A per-CPU array of @elem-byte entries by ioctl @cmd on @req, whose
 * nr_cpus and pointer fields are @nr and @ptr: malloc'd, for the caller to
 * free, with *@n entries; grown until the module's CPUs all fit.
 */
static void *dev_get_per_cpu(int fd, unsigned long cmd, void *req, __u32 *nr,
			     __u64 *ptr, size_t elem, unsigned int *n,
			     const char *what)
{
	void *arr = NULL;

	do {
		free(arr);
		*n = *nr ? *nr : 1;
		arr = calloc(*n, elem);
		if (!arr)
			fatal("out of memory");
		*ptr = (unsigned long)arr;
		*nr = *n;
		if (dev_ioctl(fd, cmd, req, what)) {
			free(arr);
			return NULL;
		}
	} while (*nr > *n);
	*n = *nr;
	return arr;
}

/* Per-CPU counters into a malloc'd array the caller frees. */
int dev_get_stats(int fd, struct c2a_cpu_stats **stats, unsigned int *n)
{
	struct c2a_stats req = { .size = sizeof(req) };

	*stats = dev_get_per_cpu(fd, C2A_IOC_GET_STATS, &req, &req.nr_cpus,
				 &req.stats_ptr, sizeof(**stats), n,
				 "get statistics");
	return *stats ? 0 : -1;
}

/* Per-CPU ids into a malloc'd array the caller frees; when the module loaded. */
int dev_get_seqs(int fd, struct c2a_cpu_seq **seqs, unsigned int *n,
		 uint64_t *loaded_ns)
{
	struct c2a_seqs req = { .size = sizeof(req) };

	*seqs = dev_get_per_cpu(fd, C2A_IOC_GET_SEQS, &req, &req.nr_cpus,
				&req.seqs_ptr, sizeof(**seqs), n,
				"get the CPUs' ids");
	*loaded_ns = req.loaded_ns;
	return *seqs ? 0 : -1;
}

int dev_get_lsm(int fd, struct c2a_lsm_status *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	return dev_ioctl(fd, C2A_IOC_GET_LSM, st, "get the LSM hooks' status");
}

/* A new observer's descriptor, or -1 with what went wrong said. */
int dev_observe(int fd, const struct c2a_observe *req)
{
	int ofd = ioctl(fd, C2A_IOC_OBSERVE, req);

	if (ofd >= 0)
		return ofd;
	switch (errno) {
	case ENOTTY:
		log_warnx("the loaded module cannot trace: install the module that came with these tools");
		break;
	case EPERM:
		log_warnx("permission denied: tracing needs CAP_AUDIT_READ (run as root)");
		break;
	case ESRCH:
		log_warnx("process %u is gone", req->pid);
		break;
	case EBUSY:
		log_warnx("%d traces run already: wait for one to end",
			  C2A_OBSERVERS_MAX);
		break;
	default:
		log_warn("attach an observer");
	}
	return -1;
}

int dev_observer_stats(int ofd, struct c2a_observer_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	return dev_ioctl(ofd, C2A_IOC_OBSERVER_STATS, st, "get the observer's counters");
}
