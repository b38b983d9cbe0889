// SPDX-License-Identifier: GPL-2.0
/*
 * c2audit: C2/CAPP-style audit of security-relevant syscalls into per-CPU
 * rings read through /dev/audit.
 */
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>

#include "canary.h"
#include "capture.h"
#include "device.h"
#include "hooks.h"
#include "lsm.h"
#include "main.h"
#include "policy.h"
#include "ring.h"
#include "subject.h"
#include "uprobe.h"

static unsigned int slots = 4096;
module_param(slots, uint, 0444);
MODULE_PARM_DESC(slots, "Records per CPU ring, a power of two from 64 to 65536 (default 4096)");

static bool enable = true;
module_param(enable, bool, 0444);
MODULE_PARM_DESC(enable, "Audit from load on (default 1)");

static unsigned int wakeup_ms = 50;
module_param(wakeup_ms, uint, 0444);
MODULE_PARM_DESC(wakeup_ms, "Longest a record waits before the reader is woken, 1-100 ms (default 50)");

static unsigned int overflow;
module_param(overflow, uint, 0444);
MODULE_PARM_DESC(overflow, "When a ring is full: 0 drop with a loss marker (default), 1 block the producer");

static unsigned int failure = C2A_FAIL_LOG;
module_param(failure, uint, 0444);
MODULE_PARM_DESC(failure, "On any loss: 0 nothing, 1 a rate-limited kernel log message (default), 2 panic");

static unsigned int block_timeout_ms = 30000;
module_param(block_timeout_ms, uint, 0444);
MODULE_PARM_DESC(block_timeout_ms, "Longest a producer blocks before its event is lost, ms (0: no limit; default 30000)");

static bool strict;
module_param(strict, bool, 0444);
MODULE_PARM_DESC(strict, "In block mode, wait even when no reader is attached or it is stopped (default 0)");

static bool default_rules = true;
module_param(default_rules, bool, 0444);
MODULE_PARM_DESC(default_rules, "Start with one rule auditing every call (default 1); 0: nothing is audited until rules are loaded");

struct c2a_state c2a;

static bool c2a_params_valid(void)
{
	if (!is_power_of_2(slots) || slots < C2A_SLOTS_MIN ||
	    slots > C2A_SLOTS_MAX) {
		pr_err("slots=%u: need a power of two from %u to %u\n",
		       slots, C2A_SLOTS_MIN, C2A_SLOTS_MAX);
		return false;
	}
	if (!wakeup_ms || wakeup_ms > 100) {
		pr_err("wakeup_ms=%u: need 1 to 100\n", wakeup_ms);
		return false;
	}
	if (overflow > C2A_OVERFLOW_BLOCK || failure > C2A_FAIL_PANIC) {
		pr_err("overflow=%u failure=%u: need 0-1 and 0-2\n", overflow,
		       failure);
		return false;
	}
	return true;
}

static int __init c2a_init(void)
{
	int err;

	if (!c2a_params_valid())
		return -EINVAL;
	mutex_init(&c2a.config_lock);
	mutex_init(&c2a.read_lock);
	init_waitqueue_head(&c2a.pending_wq);
	c2a.slots = slots;
	c2a.wakeup_ms = wakeup_ms;
	c2a.overflow = overflow;
	c2a.failure = failure;
	c2a.block_timeout_ms = block_timeout_ms;
	c2a.strict = strict;
	c2a.loaded_ns = ktime_get_real_ns();

	err = c2a_capture_init();
	if (err)
		return err;
	err = c2a_lsm_init();
	if (err)
		goto err_capture;
	err = c2a_rings_alloc(&c2a.rings, slots);
	if (err)
		goto err_lsm;
	err = c2a_policy_init(default_rules);
	if (err)
		goto err_rings;
	err = c2a_device_init();
	if (err)
		goto err_policy;
	err = c2a_hooks_init();
	if (err)
		goto err_device;
	c2a_hooks_start();
	c2a_canary_start();
	WRITE_ONCE(c2a.enabled, enable);
	pr_info("version %s: %u probes, %u records per CPU, auditing %s\n",
		C2A_MODULE_VERSION, c2a_hooks_count(), slots,
		enable ? "on" : "off");
	return 0;

err_device:
	c2a_device_exit();
err_policy:
	c2a_policy_exit();
err_rings:
	c2a_rings_free(c2a.rings);
err_lsm:
	c2a_lsm_exit();
err_capture:
	c2a_capture_exit();
	return err;
}

/* Records nobody read go with the module: say how many. */
static void c2a_report_unread(void)
{
	u64 unread = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		unread += c2a_ring_fill(per_cpu_ptr(c2a.rings, cpu));
	if (unread)
		pr_warn("%llu audit records were never read\n", unread);
}

static void __exit c2a_exit(void)
{
	/*
	 * A call in a hook's wrapper holds the module: there is none now, and
	 * no handler sends one there once the hooks are gone.
	 */
	WRITE_ONCE(c2a.enabled, false);
	c2a_canary_stop();
	c2a_hooks_exit();
	c2a_lsm_exit();
	c2a_uprobes_stop();
	/*
	 * What uprobes and refusals queued on tasks runs when those tasks
	 * return to user space.
	 */
	WRITE_ONCE(c2a.shutdown, true);
	wake_up_all(&c2a.space_wq);
	wait_event(c2a.pending_wq, !atomic_read(&c2a.pending));
	/*
	 * The last wrapper, or task work, may still be on its final
	 * instructions after dropping its count or its reference; RCU-tasks
	 * waits until every task has left them.
	 */
	synchronize_rcu_tasks();
	c2a_report_unread();
	c2a_device_exit();
	/* Policies replaced earlier are freed by RCU callbacks of this module. */
	rcu_barrier();
	c2a_policy_exit();
	c2a_rings_free(c2a.rings);
	c2a_capture_exit();
	/* Its delete_module is not audited (hooks.c): the log says who. */
	pr_notice("unloaded by pid %d (%s), uid %u, auid %u\n",
		  task_tgid_nr(current), current->comm,
		  c2a_uid(current_uid()),
		  c2a_uid(audit_get_loginuid(current)));
}

module_init(c2a_init);
module_exit(c2a_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("C2/CAPP-style audit of security-relevant syscalls");
MODULE_VERSION(C2A_MODULE_VERSION);
