// SPDX-License-Identifier: GPL-2.0
/*
 * sc_m32 DIR, built -m32 -static: a 32-bit program's syscalls, through
 * glibc (sysenter via the vDSO) and through int $0x80, including the
 * 16-bit uid calls, socketcall(2), stime, and the i386 entry points of the
 * calls that do audited work by another door (file handles, the siginfo
 * calls, kexec_load, ...). Every record must say arch=i386.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/net.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>

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

/* A call through glibc (sysenter), its i386 number checked too. */
static void ex_nr(long nr)
{
	ex_add("arch", "i386");
	ex_add("nr", "%ld", nr);
}

/* stime, i386's own: the time set to itself, to the second. */
static void stime32(void)
{
	int32_t t = time(NULL);
	time_t when = t;
	char buf[64];
	struct tm tm;

	ex_int80("stime", int80(25, (long)&t, 0, 0));
	gmtime_r(&when, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	ex_add("nr", "25");
	ex_add("new_time", "%s.000000000Z", buf);
	ex_end();
}

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

/*
 * The calls that do audited work by another door, through their i386
 * entry points: the compat ones (open_by_handle_at, the siginfo calls,
 * kexec_load) and the others.
 */
static void other_doors(const char *path)
{
	static union {
		struct file_handle h;
		char room[sizeof(struct file_handle) + MAX_HANDLE_SZ];
	} fh = { .h.handle_bytes = MAX_HANDLE_SZ };
	static char timex64[256], buf[8];
	siginfo_t si = { .si_code = SI_QUEUE, .si_pid = getpid() };
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	int mnt;
	long fd, r;

	ex_call("name_to_handle_at", SYS_name_to_handle_at, AT_FDCWD, path,
		&fh.h, &mnt, 0);
	ex_nr(SYS_name_to_handle_at);
	ex_add("path", "%s", path);
	ex_end();
	fd = ex_call("open_by_handle_at", SYS_open_by_handle_at, AT_FDCWD,
		     &fh.h, O_RDONLY);
	ex_nr(SYS_open_by_handle_at);
	ex_add("path", "%s", path);
	ex_end();
	close(fd);
	r = syscall(SYS_fchmodat2, AT_FDCWD, path, 0600, 0);
	if (r == 0 || errno != ENOSYS) {
		ex_begin("fchmodat2");
		ex_result(r, errno);
		ex_nr(SYS_fchmodat2);
		ex_add("path", "%s", path);
		ex_end();
	}
	fd = ex_call("fsopen", SYS_fsopen, "tmpfs", 0);
	ex_nr(SYS_fsopen);
	ex_add("fstype", "tmpfs");
	ex_end();
	close(fd);
	ex_call("rt_sigqueueinfo", SYS_rt_sigqueueinfo, getpid(), 0, &si);
	ex_nr(SYS_rt_sigqueueinfo);
	ex_add("target_pid", "%d", getpid());
	ex_end();
	ex_call("rt_tgsigqueueinfo", SYS_rt_tgsigqueueinfo, getpid(), getpid(),
		0, &si);
	ex_nr(SYS_rt_tgsigqueueinfo);
	ex_add("target_pid", "%d", getpid());
	ex_end();
	fd = syscall(SYS_pidfd_open, getpid(), 0);
	ex_call("pidfd_send_signal", SYS_pidfd_send_signal, fd, 0, NULL, 0);
	ex_nr(SYS_pidfd_send_signal);
	ex_add("sig", "0");
	ex_end();
	close(fd);
	ex_call("process_vm_writev", SYS_process_vm_writev, getpid(), &iov, 1,
		&iov, 1, 0);
	ex_nr(SYS_process_vm_writev);
	ex_add("target_pid", "%d", getpid());
	ex_end();
	/* i386 has two: the 32-bit timex, and the 64-bit one */
	ex_call("clock_adjtime", SYS_clock_adjtime, CLOCK_REALTIME, timex64);
	ex_nr(SYS_clock_adjtime);
	ex_add("clock", "0");
	ex_end();
	ex_call("clock_adjtime", SYS_clock_adjtime64, CLOCK_REALTIME, timex64);
	ex_nr(SYS_clock_adjtime64);
	ex_end();
	ex_call("kexec_load", SYS_kexec_load, 0, 0, NULL, 0);
	ex_nr(SYS_kexec_load);
	ex_end();
	fd = open("/proc/self/ns/uts", O_RDONLY);
	ex_call("setns", SYS_setns, fd, CLONE_NEWUTS);
	ex_nr(SYS_setns);
	ex_end();
	close(fd);
	ex_call("unshare", SYS_unshare, 0);
	ex_nr(SYS_unshare);
	ex_end();
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
	stime32();
	other_doors(path);
	return 0;
}
