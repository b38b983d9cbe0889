// SPDX-License-Identifier: GPL-2.0
/* sc_procs: fork, vfork, clone, clone3, kill, tkill, tgkill, ptrace. */
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
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

int main(void)
{
	forks();
	signals();
	return 0;
}
