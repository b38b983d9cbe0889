// SPDX-License-Identifier: GPL-2.0
/*
 * sc_m32 DIR, built -m32 -static: a 32-bit program's syscalls, through
 * glibc (sysenter via the vDSO) and through int $0x80, including the
 * 16-bit uid calls and socketcall(2). Every record must say arch=i386.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/net.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "expect.h"

static long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory");
	return ret;
}

/* int $0x80 returns -errno itself */
static void ex_int80(const char *name, long ret)
{
	ex_begin(name);
	ex_result(ret < 0 && ret > -4096 ? -1 : ret, (int)-ret);
	ex_add("arch", "i386");
}

int main(int argc, char **argv)
{
	static char path[512], none[512];
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(1) };
	unsigned long sargs[3];
	long fd, s;
	pid_t pid;

	if (argc != 2)
		return 2;
	snprintf(path, sizeof(path), "%s/f32", argv[1]);
	snprintf(none, sizeof(none), "%s/none", argv[1]);

	fd = ex_call("openat", SYS_openat, AT_FDCWD, path, O_CREAT | O_RDWR, 0644);
	ex_add("arch", "i386");
	ex_add("nr", "295");
	ex_add("path", "%s", path);
	ex_end();
	close(fd);
	ex_int80("open", int80(5, (long)none, O_RDONLY, 0));
	ex_add("nr", "5");
	ex_add("path", "%s", none);
	ex_end();
	ex_int80("chown", int80(182, (long)path, 1000, 1000));
	ex_add("nr", "182");
	ex_add("ouid", "1000");
	ex_end();
	ex_call("truncate", SYS_truncate64, path, 0, 0);
	ex_add("arch", "i386");
	ex_end();
	ex_int80("setuid", int80(23, 0, 0, 0));
	ex_add("nr", "23");
	ex_add("old_uid", "0");
	ex_end();
	ex_call("setuid", SYS_setuid32, 0);
	ex_add("arch", "i386");
	ex_add("nr", "213");
	ex_end();

	sargs[0] = AF_INET;
	sargs[1] = SOCK_STREAM;
	sargs[2] = 0;
	s = int80(102, SYS_SOCKET, (long)sargs, 0);
	ex_int80("socket", s);
	ex_add("nr", "102");
	ex_end();
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sargs[0] = s;
	sargs[1] = (unsigned long)&a;
	sargs[2] = sizeof(a);
	ex_int80("connect", int80(102, SYS_CONNECT, (long)sargs, 0));
	ex_add("addr", "127.0.0.1");
	ex_add("port", "1");
	ex_end();

	pid = fork();
	if (pid == 0) {
		static char *args[] = { "/nonexistent/prog32", "x y", NULL };

		ex_call("execve", SYS_execve, args[0], args, NULL);
		ex_add("arch", "i386");
		ex_add("argv", "/nonexistent/prog32 x y");
		ex_end();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	ex_begin("clone");
	ex_add("arch", "i386");
	ex_add("child_pid", "%d", pid);
	ex_end();
	return 0;
}
