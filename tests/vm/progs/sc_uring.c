// SPDX-License-Identifier: GPL-2.0
/*
 * sc_uring DIR: the io_uring operations that do a syscall's work without
 * the syscall, inline, (IOSQE_ASYNC) in an io_uring worker, linked
 * (IOSQE_IO_LINK), retried after a poll from task work, and under a
 * registered personality; (F)SETXATTR too. Their records have arch io_uring, exit 0 or
 * -errno, the process's tgid, and the credentials the operation ran with.
 * The operations of later kernels (FTRUNCATE 6.9, BIND and LISTEN 6.11)
 * are expected where the kernel knows them.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "expect.h"

static struct io_uring ring;
static char d[256];

static const char *at(const char *rel)
{
	static char bufs[8][512];
	static int i;
	char *b = bufs[i++ % 8];

	snprintf(b, 512, "%s/%s", d, rel);
	return b;
}

/* Submits the prepared operation and returns its result. */
static int run(struct io_uring_sqe *sqe, bool async)
{
	struct io_uring_cqe *cqe;
	int res;

	if (async)
		io_uring_sqe_set_flags(sqe, IOSQE_ASYNC);
	if (io_uring_submit(&ring) != 1 || io_uring_wait_cqe(&ring, &cqe)) {
		fprintf(stderr, "io_uring submit failed\n");
		exit(1);
	}
	res = cqe->res;
	io_uring_cqe_seen(&ring, cqe);
	return res;
}

static void expect_op(const char *syscall, int res, const char *path,
		      const char *path2)
{
	ex_begin_tgid(syscall);
	ex_add("arch", "io_uring");
	ex_add("success", res < 0 ? "no" : "yes");
	ex_add("exit", "%d", res < 0 ? res : 0);
	if (path)
		ex_add("path", "%s", path);
	if (path2)
		ex_add("path2", "%s", path2);
	ex_end();
}

static void files(void)
{
	struct io_uring_sqe *sqe;
	int res;

	close(open(at("f"), O_CREAT | O_WRONLY, 0644));
	for (int async = 0; async <= 1; async++) {
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_openat(sqe, AT_FDCWD, at("f"), O_RDONLY, 0);
		res = run(sqe, async);
		expect_op("openat", res, at("f"), NULL);
		if (res >= 0)
			close(res);
	}
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, AT_FDCWD, at("none"), O_RDONLY, 0);
	expect_op("openat", run(sqe, false), at("none"), NULL);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_mkdirat(sqe, AT_FDCWD, at("dir"), 0755);
	expect_op("mkdirat", run(sqe, false), at("dir"), NULL);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_symlinkat(sqe, "f", AT_FDCWD, at("sym"));
	expect_op("symlinkat", run(sqe, false), at("sym"), NULL);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_linkat(sqe, AT_FDCWD, at("f"), AT_FDCWD, at("hard"), 0);
	expect_op("linkat", run(sqe, false), at("f"), at("hard"));
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_renameat(sqe, AT_FDCWD, at("hard"), AT_FDCWD, at("moved"), 0);
	expect_op("renameat2", run(sqe, true), at("hard"), at("moved"));
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_unlinkat(sqe, AT_FDCWD, at("moved"), 0);
	expect_op("unlinkat", run(sqe, false), at("moved"), NULL);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_unlinkat(sqe, AT_FDCWD, at("dir"), AT_REMOVEDIR);
	expect_op("unlinkat", run(sqe, false), at("dir"), NULL);
}

/* Waits for @n completions, their results by user_data (0 .. n-1). */
static void reap(int n, int *res)
{
	struct io_uring_cqe *cqe;

	for (int i = 0; i < n; i++) {
		if (io_uring_wait_cqe(&ring, &cqe) || cqe->user_data >= (unsigned)n) {
			fprintf(stderr, "io_uring wait failed\n");
			exit(1);
		}
		res[cqe->user_data] = cqe->res;
		io_uring_cqe_seen(&ring, cqe);
	}
}

/* A chain of three linked operations: each one runs, each is recorded. */
static void linked(void)
{
	struct io_uring_sqe *sqe;
	int res[3];

	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_mkdirat(sqe, AT_FDCWD, at("ln"), 0755);
	io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
	sqe->user_data = 0;
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, AT_FDCWD, at("ln/f"), O_CREAT | O_WRONLY, 0644);
	io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
	sqe->user_data = 1;
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_unlinkat(sqe, AT_FDCWD, at("ln/f"), 0);
	sqe->user_data = 2;
	if (io_uring_submit(&ring) != 3)
		exit(1);
	reap(3, res);
	expect_op("mkdirat", res[0], at("ln"), NULL);
	expect_op("openat", res[1], at("ln/f"), NULL);
	expect_op("unlinkat", res[2], at("ln/f"), NULL);
	if (res[1] >= 0)
		close(res[1]);
}

/* A socket listening on 127.0.0.1:@port, its address in @a. */
static int listener(int port, struct sockaddr_in *a)
{
	int s;

	*a = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons(port) };
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &(int){ 1 }, sizeof(int));
	if (bind(s, (struct sockaddr *)a, sizeof(*a)) || listen(s, 4))
		exit(1);
	return s;
}

/* An io_uring accept's record: the peer's address, not its port. */
static void expect_accept(int res)
{
	ex_begin_tgid("accept");
	ex_add("arch", "io_uring");
	ex_add("success", res < 0 ? "no" : "yes");
	ex_add("addr", "127.0.0.1");
	ex_end();
}

/*
 * An accept with nobody connecting yet: io_uring arms a poll and retries
 * the operation from task work once a connection comes.
 */
static void poll_retried(void)
{
	struct io_uring_sqe *sqe;
	struct sockaddr_in a;
	int s = listener(5558, &a), c, res;

	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_accept(sqe, s, NULL, NULL, 0);
	sqe->user_data = 0;
	if (io_uring_submit(&ring) != 1)
		exit(1);
	usleep(200 * 1000);
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(c, (struct sockaddr *)&a, sizeof(a)))
		exit(1);
	reap(1, &res);
	expect_accept(res);
	close(c);
	close(s);
	if (res >= 0)
		close(res);
}

/*
 * A personality registered as root, used after the process became uid
 * 1000: the operation runs with root's credentials, and its record says
 * so; the same without the personality runs as 1000, and fails.
 */
static void personality(void)
{
	struct io_uring_sqe *sqe;
	int id, res;

	close(open(at("secret"), O_CREAT | O_WRONLY, 0600));
	id = io_uring_register_personality(&ring);
	if (id < 0 || setresuid(1000, 1000, 0))
		exit(1);
	for (int with = 0; with <= 1; with++) {
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_openat(sqe, AT_FDCWD, at("secret"), O_RDONLY, 0);
		if (with)
			sqe->personality = id;
		res = run(sqe, false);
		ex_begin_tgid("openat");
		ex_add("arch", "io_uring");
		ex_add("success", res < 0 ? "no" : "yes");
		ex_add("path", "%s", at("secret"));
		ex_add("uid", "%s", with ? "0" : "1000");
		ex_add("euid", "%s", with ? "0" : "1000");
		ex_end();
		if (res >= 0)
			close(res);
	}
	if (setresuid(0, 0, 0) || io_uring_unregister_personality(&ring, id))
		exit(1);
}

/*
 * SETXATTR and FSETXATTR: the object and the attribute's name as the
 * kernel used them.
 */
static void xattrs(void)
{
	struct io_uring_sqe *sqe;
	int fd, res;

	fd = open(at("x"), O_CREAT | O_WRONLY, 0644);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_setxattr(sqe, "trusted.c2a", "v", at("x"), 0, 1);
	res = run(sqe, false);
	expect_op("setxattr", res, at("x"), NULL);
	ex_begin_tgid("setxattr");
	ex_add("arch", "io_uring");
	ex_add("xattr", "trusted.c2a");
	ex_end();
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_fsetxattr(sqe, fd, "trusted.other", "w", 0, 1);
	res = run(sqe, false);
	expect_op("fsetxattr", res, at("x"), NULL);
	ex_begin_tgid("fsetxattr");
	ex_add("arch", "io_uring");
	ex_add("xattr", "trusted.other");
	ex_end();
	close(fd);
}

/* Opcodes Debian 12's liburing does not name yet. */
enum { OP_FTRUNCATE = 55, OP_BIND = 56, OP_LISTEN = 57 };

/* A raw operation; false when this kernel does not know it. */
static bool run_raw(int op, int fd, const void *addr, unsigned int len,
		    unsigned long long off, unsigned long long addr2, int *res)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

	io_uring_prep_rw(op, sqe, fd, addr, len, off);
	sqe->addr2 = addr2;
	*res = run(sqe, false);
	return *res != -EINVAL;
}

static void later_ops(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(5557) };
	int fd, s, res;

	fd = open(at("t"), O_CREAT | O_WRONLY, 0644);
	if (run_raw(OP_FTRUNCATE, fd, NULL, 0, 7, 0, &res)) {
		ex_begin_tgid("ftruncate");
		ex_add("arch", "io_uring");
		ex_add("success", res < 0 ? "no" : "yes");
		ex_add("path", "%s", at("t"));
		ex_end();
	}
	close(fd);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (run_raw(OP_BIND, s, &a, 0, 0, sizeof(a), &res)) {
		ex_begin_tgid("bind");
		ex_add("arch", "io_uring");
		ex_add("success", res < 0 ? "no" : "yes");
		ex_add("addr", "127.0.0.1");
		ex_add("port", "5557");
		ex_end();
	}
	if (run_raw(OP_LISTEN, s, NULL, 4, 0, 0, &res)) {
		ex_begin_tgid("listen");
		ex_add("arch", "io_uring");
		ex_add("success", res < 0 ? "no" : "yes");
		ex_add("addr", "127.0.0.1");
		ex_add("port", "5557");
		ex_end();
	}
	close(s);
}

static void sockets(void)
{
	struct io_uring_sqe *sqe;
	struct sockaddr_in a;
	int s = listener(5556, &a), c, res;

	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_socket(sqe, AF_INET, SOCK_STREAM, 0, 0);
	c = run(sqe, false);
	expect_op("socket", c, NULL, NULL);
	if (c < 0)
		exit(1);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_connect(sqe, c, (struct sockaddr *)&a, sizeof(a));
	res = run(sqe, false);
	ex_begin_tgid("connect");
	ex_add("arch", "io_uring");
	ex_add("success", res < 0 ? "no" : "yes");
	ex_add("addr", "127.0.0.1");
	ex_add("port", "5556");
	ex_end();
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_accept(sqe, s, NULL, NULL, 0);
	expect_accept(run(sqe, false));
}

int main(int argc, char **argv)
{
	if (argc != 2 || io_uring_queue_init(8, &ring, 0)) {
		fprintf(stderr, "usage: sc_uring DIR (and a kernel with io_uring)\n");
		return 2;
	}
	snprintf(d, sizeof(d), "%s", argv[1]);
	files();
	linked();
	sockets();
	poll_retried();
	personality();
	xattrs();
	later_ops();
	io_uring_queue_exit(&ring);
	return 0;
}
