// SPDX-License-Identifier: GPL-2.0
/*
 * sc_ids (as root): the set*id calls, setgroups and capset; each record
 * has the ids before the call and, in its subject, after it.
 */
#include <linux/capability.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "expect.h"

static void uid_calls(void)
{
	ex_call("setresuid", SYS_setresuid, -1, 1000, -1);
	ex_add("old_euid", "0");
	ex_add("euid", "1000");
	ex_add("uid", "0");
	ex_end();
	ex_call("setresuid", SYS_setresuid, -1, 0, -1);
	ex_add("old_euid", "1000");
	ex_add("euid", "0");
	ex_end();
	ex_call("setreuid", SYS_setreuid, -1, 1001);
	ex_add("old_euid", "0");
	ex_add("euid", "1001");
	ex_end();
	ex_call("setreuid", SYS_setreuid, -1, 0);
	ex_add("euid", "0");
	ex_end();
	ex_call("setuid", SYS_setuid, 0);
	ex_add("uid", "0");
	ex_end();
	/* setfsuid returns the old fsuid */
	ex_call("setfsuid", SYS_setfsuid, 1000);
	ex_add("old_fsuid", "0");
	ex_add("fsuid", "1000");
	ex_end();
	ex_call("setfsuid", SYS_setfsuid, 0);
	ex_add("old_fsuid", "1000");
	ex_add("fsuid", "0");
	ex_end();
}

static void gid_calls(void)
{
	gid_t groups[] = { 100, 200 };

	ex_call("setgid", SYS_setgid, 0);
	ex_add("old_gid", "0");
	ex_end();
	ex_call("setregid", SYS_setregid, -1, 100);
	ex_add("old_egid", "0");
	ex_add("egid", "100");
	ex_end();
	ex_call("setresgid", SYS_setresgid, -1, 0, -1);
	ex_add("old_egid", "100");
	ex_add("egid", "0");
	ex_end();
	ex_call("setfsgid", SYS_setfsgid, 100);
	ex_add("fsgid", "100");
	ex_end();
	ex_call("setfsgid", SYS_setfsgid, 0);
	ex_add("old_fsgid", "100");
	ex_end();
	ex_call("setgroups", SYS_setgroups, 2, groups);
	ex_end();
}

static void caps(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	unsigned long long eff, perm, inh;

	syscall(SYS_capget, &h, data);
	data[0].effective &= ~(1u << CAP_NET_RAW);
	eff = data[0].effective | (unsigned long long)data[1].effective << 32;
	perm = data[0].permitted | (unsigned long long)data[1].permitted << 32;
	inh = data[0].inheritable | (unsigned long long)data[1].inheritable << 32;
	ex_call("capset", SYS_capset, &h, data);
	ex_add("cap_effective", "0x%llx", eff);
	ex_add("cap_permitted", "0x%llx", perm);
	ex_add("cap_inheritable", "0x%llx", inh);
	ex_end();
}

/* An unprivileged attempt fails, and says who tried. */
static void denied(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (setresuid(1000, 1000, 1000))
			_exit(1);
		ex_call("setuid", SYS_setuid, 0);
		ex_add("old_uid", "1000");
		ex_add("uid", "1000");
		ex_end();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

int main(void)
{
	uid_calls();
	gid_calls();
	caps();
	denied();
	return 0;
}
