// SPDX-License-Identifier: GPL-2.0
/*
 * Root can disarm every kprobe at once (`echo 0 >
 * /sys/kernel/debug/kprobes/enabled`), with no hook of ours to refuse it:
 * the LSM hooks (lsm.c) and the fork probe of observers would stop without
 * a word. The syscall hooks are ftrace ops, which that switch leaves alone
 * (and `sysctl kernel.ftrace_enabled=0` is refused while they are
 * registered: FTRACE_OPS_FL_PERMANENT).
 *
 * So a canary: a kprobe on a small kernel function that the module calls
 * itself once a second. When the call does not reach the probe, kprobes
 * are disarmed: a CONFIG record says so, `c2audit status` shows it, and
 * the failure action is taken; armed again, another record says that.
 */
#include <linux/kprobes.h>
#include <linux/kstrtox.h>
#include <linux/workqueue.h>

#include "c2audit.h"
#include "canary.h"
#include "capture.h"
#include "main.h"
#include "overflow.h"

#define C2A_CANARY_PERIOD	HZ

static atomic_t c2a_canary_hits = ATOMIC_INIT(0);
static bool c2a_canary_armed;
static bool c2a_disarmed;		/* read locklessly by status */

static int c2a_canary_hit(struct kprobe *kp, struct pt_regs *regs)
{
	atomic_inc(&c2a_canary_hits);
	return 0;
}

/* Exported, small, called rarely elsewhere: the probe costs them nothing. */
static struct kprobe c2a_canary = {
	.symbol_name = "kstrtobool",
	.pre_handler = c2a_canary_hit,
};

static void c2a_canary_check(struct work_struct *work);
static DECLARE_DELAYED_WORK(c2a_canary_work, c2a_canary_check);

static void c2a_canary_check(struct work_struct *work)
{
	int before = atomic_read(&c2a_canary_hits);
	bool value, disarmed;

	/* Only the call matters; "1" always parses. */
	if (kstrtobool("1", &value))
		value = false;
	disarmed = atomic_read(&c2a_canary_hits) == before;
	if (disarmed != READ_ONCE(c2a_disarmed)) {
		WRITE_ONCE(c2a_disarmed, disarmed);
		pr_warn("kprobes %s: LSM hooks and observers' fork probe %s\n",
			disarmed ? "disarmed" : "armed again",
			disarmed ? "do not run" : "run again");
		c2a_emit_config(C2A_CFG_HOOKS, disarmed ? -ENOTRECOVERABLE : 0,
				!disarmed, disarmed, NULL);
		if (disarmed)
			c2a_report_loss(0, C2A_LOSS_MISSED);
	}
	schedule_delayed_work(&c2a_canary_work, C2A_CANARY_PERIOD);
}

bool c2a_kprobes_disarmed(void)
{
	return READ_ONCE(c2a_disarmed);
}

/* A kernel without the function, or without kprobes: no canary, said once. */
int c2a_canary_start(void)
{
	int err = register_kprobe(&c2a_canary);

	if (err) {
		pr_warn("no kprobe canary (%d): a disarming of kprobes would go unseen\n",
			err);
		return 0;
	}
	c2a_canary_armed = true;
	schedule_delayed_work(&c2a_canary_work, C2A_CANARY_PERIOD);
	return 0;
}

void c2a_canary_stop(void)
{
	if (!c2a_canary_armed)
		return;
	cancel_delayed_work_sync(&c2a_canary_work);
	unregister_kprobe(&c2a_canary);
	c2a_canary_armed = false;
}
