// SPDX-License-Identifier: GPL-2.0
/*
 * uprobetest FILE: the uprobe ioctls on a data file nobody maps (so no
 * breakpoint is ever written): bad arguments, set, get, duplicates, the
 * room of get, removal, the limit, flush, permissions. Prints what it saw
 * and exits 0 when every check holds. FILE must be at least 4 KiB long.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/capability.h>

#include "c2audit.h"

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			printf("FAIL %s:%d: ", __func__, __LINE__);	\
			printf(__VA_ARGS__);				\
			printf(" (errno %s)\n", strerror(errno));	\
			exit(1);					\
		}							\
	} while (0)

static const char *file;

static struct c2a_uprobe_spec spec(const char *path, const char *fn,
				   uint64_t offset)
{
	struct c2a_uprobe_spec s = {
		.size = sizeof(s), .offset = offset,
		.path_ptr = (uintptr_t)path, .path_len = strlen(path),
		.function_ptr = (uintptr_t)fn, .function_len = strlen(fn),
	};

	return s;
}

static int add(int fd, struct c2a_uprobe_spec *s)
{
	return ioctl(fd, C2A_IOC_UPROBE_ADD, s);
}

static void expect_add_error(int fd, struct c2a_uprobe_spec s, int err,
			     const char *what)
{
	CHECK(add(fd, &s) < 0 && errno == err, "%s: expected %s", what,
	      strerror(err));
	printf("refused: %s\n", what);
}

static void bad_arguments(int fd)
{
	struct c2a_uprobe_spec s;

	s = spec(file, "f", 0);
	s.flags = 1;
	expect_add_error(fd, s, EINVAL, "unknown flags");
	s = spec(file, "f", 0);
	s.hits = 1;
	expect_add_error(fd, s, EINVAL, "an output field set");
	s = spec(file, "f", 0);
	s.path_len = 0;
	expect_add_error(fd, s, EINVAL, "an empty path");
	expect_add_error(fd, spec("tmp/lib", "f", 0), EINVAL, "a relative path");
	expect_add_error(fd, spec("/nonexistent/lib", "f", 0), ENOENT,
			 "a missing file");
	expect_add_error(fd, spec("/tmp", "f", 0), EINVAL, "a directory");
	expect_add_error(fd, spec(file, "f", 1 << 30), EINVAL,
			 "an offset beyond the file");
	s = spec(file, "f\0g", 0);
	s.function_len = 3;
	expect_add_error(fd, s, EINVAL, "a NUL in the function name");
	s = spec(file, "f", 0);
	s.function_len = C2A_UPROBE_FUNC_MAX;
	expect_add_error(fd, s, EINVAL, "a function name too long");
	s = spec(file, "f", 0);
	s.path_ptr = 8;
	expect_add_error(fd, s, EFAULT, "an unmapped path");
}

static uint32_t set_get_del(int fd)
{
	char path[PATH_MAX], fn[C2A_UPROBE_FUNC_MAX], *real = realpath(file, NULL);
	struct c2a_uprobe_spec s = spec(file, "func_one", 16), g;
	struct c2a_uprobe_ref ref = { .size = sizeof(ref) };

	CHECK(!add(fd, &s) && s.probe_id, "set");
	printf("set: id %u\n", s.probe_id);
	expect_add_error(fd, spec(file, "func_again", 16), EEXIST,
			 "the same offset twice");
	g = (struct c2a_uprobe_spec){
		.size = sizeof(g), .path_ptr = (uintptr_t)path, .path_len = 1,
		.function_ptr = (uintptr_t)fn, .function_len = sizeof(fn),
	};
	memset(path, 'x', sizeof(path));
	CHECK(!ioctl(fd, C2A_IOC_UPROBE_GET, &g), "get with little room");
	CHECK(g.path_len == strlen(real) && path[0] == 'x',
	      "get: length %u, nothing copied", g.path_len);
	g.path_len = sizeof(path);
	g.function_len = sizeof(fn);
	g.probe_id = 0;
	CHECK(!ioctl(fd, C2A_IOC_UPROBE_GET, &g), "get");
	CHECK(g.probe_id == s.probe_id && g.offset == 16 && g.ino &&
	      g.path_len == strlen(real) && !memcmp(path, real, g.path_len) &&
	      g.function_len == 8 && !memcmp(fn, "func_one", 8),
	      "get: id %u offset %llu path %.*s", g.probe_id,
	      (unsigned long long)g.offset, (int)g.path_len, path);
	printf("get: %.*s %.*s\n", (int)g.path_len, path, (int)g.function_len, fn);
	g.position = 1;
	CHECK(ioctl(fd, C2A_IOC_UPROBE_GET, &g) < 0 && errno == ENOENT,
	      "get beyond the last");
	ref.probe_id = s.probe_id + 1000;
	CHECK(ioctl(fd, C2A_IOC_UPROBE_DEL, &ref) < 0 && errno == ENOENT,
	      "remove an unknown id");
	ref.probe_id = s.probe_id;
	CHECK(!ioctl(fd, C2A_IOC_UPROBE_DEL, &ref), "remove");
	g.position = 0;
	CHECK(ioctl(fd, C2A_IOC_UPROBE_GET, &g) < 0 && errno == ENOENT,
	      "get after removal");
	free(real);
	printf("removed\n");
	return s.probe_id;
}

static void limit_and_flush(int fd, uint32_t old_id)
{
	struct c2a_command c = { .size = sizeof(c) };
	struct c2a_uprobe_spec s;

	for (int i = 0; i < C2A_UPROBES_MAX; i++) {
		s = spec(file, "f", i);
		CHECK(!add(fd, &s), "set probe %d", i);
		CHECK(s.probe_id != old_id, "id %u used again", old_id);
	}
	expect_add_error(fd, spec(file, "f", C2A_UPROBES_MAX), ENOSPC,
			 "one probe more than the limit");
	CHECK(!ioctl(fd, C2A_IOC_UPROBES_FLUSH, &c), "flush");
	s = spec(file, "f", 0);
	s.position = 0;
	s.path_len = s.function_len = 0;
	CHECK(ioctl(fd, C2A_IOC_UPROBE_GET, &s) < 0 && errno == ENOENT,
	      "a probe left after flush");
	printf("limit %d, flushed\n", C2A_UPROBES_MAX);
}

/* CAP_AUDIT_CONTROL opened the device; setting a probe needs CAP_SYS_ADMIN. */
static void without_sys_admin(int fd)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	struct c2a_uprobe_spec s = spec(file, "f", 0);
	int status;
	pid_t pid = fork();

	if (!pid) {
		if (syscall(SYS_capget, &h, d))
			_exit(2);
		d[CAP_SYS_ADMIN / 32].effective &= ~(1U << (CAP_SYS_ADMIN % 32));
		if (syscall(SYS_capset, &h, d))
			_exit(2);
		_exit(add(fd, &s) < 0 && errno == EPERM ? 0 : 1);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      !WEXITSTATUS(status), "set without CAP_SYS_ADMIN: status %d",
	      status);
	printf("refused: no CAP_SYS_ADMIN\n");
}

int main(int argc, char **argv)
{
	struct c2a_uprobe_spec s;
	int fd, query;

	if (argc != 2) {
		fprintf(stderr, "usage: uprobetest FILE\n");
		return 2;
	}
	file = argv[1];
	fd = open(C2A_DEVICE, O_WRONLY);
	query = open(C2A_DEVICE, O_ACCMODE);
	CHECK(fd >= 0 && query >= 0, "open " C2A_DEVICE);
	s = spec(file, "f", 0);
	CHECK(add(query, &s) < 0 && errno == EPERM, "set on a query handle");
	bad_arguments(fd);
	limit_and_flush(fd, set_get_del(fd));
	without_sys_admin(fd);
	printf("ok\n");
	return 0;
}
