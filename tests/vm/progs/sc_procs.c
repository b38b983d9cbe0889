// SPDX-License-Identifier: GPL-2.0
/*
 * sc_procs: fork, vfork, clone, clone3, kill, tkill, tgkill, ptrace; the
 * other doors to a task: pidfd_send_signal, rt_sigqueueinfo,
 * rt_tgsigqueueinfo, process_vm_writev; setns, unshare.
 */
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "expect.h"

static void child_expect(long pid)
{
	ex_add("child_pid", "%ld", pid);
	ex_end();
	waitpid(pid, NULL, 0);
}

static void forks(void)
{
	struct clone_args ca = { .exit_signal = SIGCHLD };
	long pid;

	pid = ex_call("fork", SYS_fork);
	if (pid == 0)
		_exit(0);
	child_expect(pid);

	pid = vfork();
	if (pid == 0)
		_exit(0);
	ex_begin("vfork");
	ex_result(pid, 0);
	child_expect(pid);

	pid = ex_call("clone", SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(0);
	child_expect(pid);

	pid = ex_call("clone3", SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		_exit(0);
	child_expect(pid);
}

static void signals(void)
{
	pid_t child = fork();

	if (child == 0) {
		pause();
		_exit(0);
	}
	ex_call("kill", SYS_kill, child, 0);
	ex_add("target_pid", "%d", child);
	ex_add("sig", "0");
	ex_end();
	ex_call("tkill", SYS_tkill, child, 0);
	ex_add("target_pid", "%d", child);
	ex_end();
	ex_call("tgkill", SYS_tgkill, child, child, 0);
	ex_add("target_pid", "%d", child);
	ex_end();
	ex_call("ptrace", SYS_ptrace, PTRACE_PEEKDATA, child, 0, 0);
	ex_add("target_pid", "%d", child);
	ex_add("request", "%d", PTRACE_PEEKDATA);
	ex_end();
	ex_call("ptrace", SYS_ptrace, PTRACE_ATTACH, child, 0, 0);
	ex_add("target_pid", "%d", child);
	ex_add("request", "%d", PTRACE_ATTACH);
	ex_end();
	waitpid(child, NULL, 0);
	ptrace(PTRACE_DETACH, child, 0, 0);
	ex_call("kill", SYS_kill, child, SIGKILL);
	ex_add("target_pid", "%d", child);
	ex_add("sig", "%d", SIGKILL);
	ex_end();
	waitpid(child, NULL, 0);
	ex_call("kill", SYS_kill, 4000000, 0);
	ex_add("target_pid", "4000000");
	ex_end();
}

/* What the child holds; the parent writes it from outside. */
static char poked[16] = "before";

/*
 * A signal whose default is harmless (SIGCONT) sent by each of the other
 * doors to a paused child; its memory written with process_vm_writev.
 */
static void other_doors(void)
{
	siginfo_t si = { .si_code = SI_QUEUE };
	struct iovec local = { .iov_base = "after", .iov_len = 6 };
	struct iovec remote = { .iov_base = poked, .iov_len = 6 };
	pid_t child = fork();
	long pidfd;

	if (child == 0) {
		pause();
		_exit(0);
	}
	si.si_pid = getpid();
	si.si_uid = getuid();
	ex_call("rt_sigqueueinfo", SYS_rt_sigqueueinfo, child, SIGCONT, &si);
	ex_add("target_pid", "%d", child);
	ex_add("sig", "%d", SIGCONT);
	ex_end();
	ex_call("rt_tgsigqueueinfo", SYS_rt_tgsigqueueinfo, child, child,
		SIGCONT, &si);
	ex_add("target_pid", "%d", child);
	ex_add("sig", "%d", SIGCONT);
	ex_end();
	pidfd = syscall(SYS_pidfd_open, child, 0);
	/* The target is the pidfd's, as the kernel's check of the kill saw it. */
	ex_call("pidfd_send_signal", SYS_pidfd_send_signal, pidfd, SIGCONT,
		NULL, 0);
	ex_add("target_pid", "%d", child);
	ex_add("sig", "%d", SIGCONT);
	ex_end();
	ex_call("process_vm_writev", SYS_process_vm_writev, child, &local, 1,
		&remote, 1, 0);
	ex_add("target_pid", "%d", child);
	ex_end();
	ex_call("process_vm_writev", SYS_process_vm_writev, 4000000, &local, 1,
		&remote, 1, 0);
	ex_add("target_pid", "4000000");
	ex_end();
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(pidfd);
}

/* setns into the namespace the task is in already; unshare in a child. */
static void namespaces(void)
{
	char ns[64];
	ssize_t n = readlink("/proc/self/ns/uts", ns, sizeof(ns) - 1);
	int fd = open("/proc/self/ns/uts", O_RDONLY);
	pid_t pid;

	if (n < 0 || fd < 0)
		exit(1);
	ns[n] = '\0';
	ex_call("setns", SYS_setns, fd, CLONE_NEWUTS);
	ex_add("path", "%s", ns);
	ex_end();
	close(fd);
	pid = fork();
	if (pid == 0) {
		ex_call("unshare", SYS_unshare, CLONE_NEWUTS);
		ex_end();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

int main(void)
{
	forks();
	signals();
	other_doors();
	namespaces();
	return 0;
}
