// SPDX-License-Identifier: GPL-2.0
/*
 * ioctls on /dev/audit. Each is copy in -> validate -> lock -> change ->
 * unlock -> copy out, on a struct that carries its own size.
 */
#include <linux/fs.h>
#include <linux/log2.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "capture.h"
#include "device.h"
#include "canary.h"
#include "hooks.h"
#include "lock.h"
#include "lsm.h"
#include "main.h"
#include "observer.h"
#include "policy.h"
#include "ring.h"
#include "uprobe.h"

union c2a_ioc_arg {
	struct c2a_version version;
	struct c2a_status status;
	struct c2a_stats stats;
	struct c2a_seqs seqs;
	struct c2a_geometry geometry;
	struct c2a_enable enable;
	struct c2a_overflow overflow;
	struct c2a_rule rule;
	struct c2a_rule_ref ref;
	struct c2a_rules_load load;
	struct c2a_command command;
	struct c2a_observe observe;
	struct c2a_lsm_status lsm;
	struct c2a_uprobe_spec uprobe;
	struct c2a_uprobe_ref uprobe_ref;
};

struct c2a_ioc {
	unsigned int cmd;
	u32 min_size;
	u32 ksize;
	bool change;		/* needs a handle opened for writing */
	bool reader;		/* only on the reader's handle */
	long (*fn)(union c2a_ioc_arg *arg);
};

static long c2a_ioc_version(union c2a_ioc_arg *arg)
{
	struct c2a_version *v = &arg->version;

	v->abi_version = C2A_ABI_VERSION;
	v->record_size = C2A_RECORD_SIZE;
	v->nr_sysids = C2A_SYS_COUNT;
	strscpy(v->module_version, C2A_MODULE_VERSION, sizeof(v->module_version));
	return 0;
}

static void c2a_counters_read(struct c2a_ring *r, struct c2a_counters *c)
{
	c->produced = READ_ONCE(r->produced);
	c->delivered = READ_ONCE(r->delivered);
	c->dropped = READ_ONCE(r->dropped);
	c->missed = READ_ONCE(r->missed);
	c->blocked_now = atomic64_read(&r->blocked_now);
	c->blocked_total = atomic64_read(&r->blocked_total);
	c->blocked_ns = atomic64_read(&r->blocked_ns);
	c->fill = c2a_ring_fill(r);
	c->high_water = READ_ONCE(r->high_water);
}

static void c2a_counters_add(struct c2a_counters *sum,
			     const struct c2a_counters *c)
{
	sum->produced += c->produced;
	sum->delivered += c->delivered;
	sum->dropped += c->dropped;
	sum->missed += c->missed;
	sum->blocked_now += c->blocked_now;
	sum->blocked_total += c->blocked_total;
	sum->blocked_ns += c->blocked_ns;
	sum->fill += c->fill;
	sum->high_water = max(sum->high_water, c->high_water);
}

static long c2a_ioc_status(union c2a_ioc_arg *arg)
{
	struct c2a_status *st = &arg->status;
	int cpu;

	if (READ_ONCE(c2a.enabled))
		st->flags |= C2A_ST_ENABLED;
	if (READ_ONCE(c2a.locked))
		st->flags |= C2A_ST_LOCKED;
	if (READ_ONCE(c2a.reader))
		st->flags |= C2A_ST_READER;
	st->slots_per_cpu = READ_ONCE(c2a.slots);
	st->nr_cpus = num_possible_cpus();
	if (READ_ONCE(c2a.strict))
		st->flags |= C2A_ST_STRICT;
	if (READ_ONCE(c2a.halting))
		st->flags |= C2A_ST_HALTING;
	if (c2a_kprobes_disarmed())
		st->flags |= C2A_ST_DISARMED;
	st->reader_pid = READ_ONCE(c2a.reader_tgid);
	st->overflow = READ_ONCE(c2a.overflow);
	st->failure = READ_ONCE(c2a.failure);
	st->block_timeout_ms = READ_ONCE(c2a.block_timeout_ms);
	st->wakeup_ms = c2a.wakeup_ms;
	st->nr_rules = c2a_policy_count();
	st->hooks = c2a_hooks_count();
	st->hooks_failed = c2a_hooks_failed();
	st->inflight = c2a_hooks_inflight();
	for_each_possible_cpu(cpu) {
		struct c2a_counters c = {};

		c2a_counters_read(per_cpu_ptr(c2a.rings, cpu), &c);
		c2a_counters_add(&st->total, &c);
	}
	return 0;
}

/* One @size-byte entry per possible CPU, made by @fill, into @out's @room. */
static int c2a_copy_cpus(void __user *out, u32 room, size_t size,
			 void (*fill)(int cpu, void *entry))
{
	union {
		struct c2a_cpu_stats stats;
		struct c2a_cpu_seq seq;
	} e;
	u32 i = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		if (i == room)
			break;
		memset(&e, 0, sizeof(e));
		fill(cpu, &e);
		if (copy_to_user(out + (size_t)i++ * size, &e, size))
			return -EFAULT;
	}
	return 0;
}

static void c2a_fill_stats(int cpu, void *entry)
{
	struct c2a_cpu_stats *s = entry;

	s->cpu = cpu;
	s->online = cpu_online(cpu);
	c2a_counters_read(per_cpu_ptr(c2a.rings, cpu), &s->c);
}

static long c2a_ioc_stats(union c2a_ioc_arg *arg)
{
	int err = c2a_copy_cpus(u64_to_user_ptr(arg->stats.stats_ptr),
				arg->stats.nr_cpus,
				sizeof(struct c2a_cpu_stats), c2a_fill_stats);

	if (err)
		return err;
	arg->stats.nr_cpus = num_possible_cpus();
	return 0;
}

static void c2a_fill_seq(int cpu, void *entry)
{
	struct c2a_ring *r = per_cpu_ptr(c2a.rings, cpu);
	struct c2a_cpu_seq *s = entry;

	s->cpu = cpu;
	s->issued = READ_ONCE(r->next_seq) - 1;
	s->delivered = READ_ONCE(r->delivered_seq);
}

static long c2a_ioc_seqs(union c2a_ioc_arg *arg)
{
	int err = c2a_copy_cpus(u64_to_user_ptr(arg->seqs.seqs_ptr),
				arg->seqs.nr_cpus, sizeof(struct c2a_cpu_seq),
				c2a_fill_seq);

	if (err)
		return err;
	arg->seqs.nr_cpus = num_possible_cpus();
	arg->seqs.loaded_ns = c2a.loaded_ns;
	return 0;
}

/*
 * Takes the config lock for a change of @item, unless the configuration is
 * locked: then the attempt is refused, and audited.
 */
long c2a_change_begin(u32 item)
{
	mutex_lock(&c2a.config_lock);
	if (!c2a.locked)
		return 0;
	mutex_unlock(&c2a.config_lock);
	c2a_emit_config(item, -EPERM, 0, 0, NULL);
	return -EPERM;
}

static long c2a_ioc_geometry(union c2a_ioc_arg *arg)
{
	u32 slots = arg->geometry.slots_per_cpu, old;
	long err;

	if (!is_power_of_2(slots) || slots < C2A_SLOTS_MIN ||
	    slots > C2A_SLOTS_MAX)
		return -EINVAL;
	err = c2a_change_begin(C2A_CFG_GEOMETRY);
	if (err)
		return err;
	old = c2a.slots;
	err = -EBUSY;
	if (!READ_ONCE(c2a.enabled)) {
		mutex_lock(&c2a.read_lock);
		err = c2a_rings_resize(c2a.rings, slots);
		if (!err)
			WRITE_ONCE(c2a.slots, slots);
		mutex_unlock(&c2a.read_lock);
	}
	mutex_unlock(&c2a.config_lock);
	if (!err)
		c2a_emit_config(C2A_CFG_GEOMETRY, 0, old, slots, NULL);
	return err;
}

static long c2a_ioc_enable(union c2a_ioc_arg *arg)
{
	bool on = arg->enable.enabled, old;
	long err;

	if (arg->enable.enabled > 1)
		return -EINVAL;
	err = c2a_change_begin(C2A_CFG_ENABLED);
	if (err)
		return err;
	old = c2a.enabled;
	WRITE_ONCE(c2a.enabled, on);
	mutex_unlock(&c2a.config_lock);
	if (old != on)
		c2a_emit_config(C2A_CFG_ENABLED, 0, old, on, NULL);
	return 0;
}

static void c2a_config_changed(u32 item, u64 old, u64 new)
{
	if (old != new)
		c2a_emit_config(item, 0, old, new, NULL);
}

static long c2a_ioc_overflow(union c2a_ioc_arg *arg)
{
	struct c2a_overflow *o = &arg->overflow;
	u32 mode, failure, timeout;
	bool strict;
	long err;

	if (o->mode > C2A_OVERFLOW_BLOCK || o->failure > C2A_FAIL_PANIC ||
	    o->flags & ~C2A_OVF_STRICT || o->__pad)
		return -EINVAL;
	err = c2a_change_begin(C2A_CFG_OVERFLOW);
	if (err)
		return err;
	mode = c2a.overflow;
	failure = c2a.failure;
	timeout = c2a.block_timeout_ms;
	strict = c2a.strict;
	WRITE_ONCE(c2a.overflow, o->mode);
	WRITE_ONCE(c2a.failure, o->failure);
	WRITE_ONCE(c2a.block_timeout_ms, o->block_timeout_ms);
	WRITE_ONCE(c2a.strict, o->flags & C2A_OVF_STRICT);
	mutex_unlock(&c2a.config_lock);
	/* Producers already waiting look at the new policy. */
	wake_up_all(&c2a.space_wq);
	c2a_config_changed(C2A_CFG_OVERFLOW, mode, o->mode);
	c2a_config_changed(C2A_CFG_FAILURE, failure, o->failure);
	c2a_config_changed(C2A_CFG_BLOCK_TIMEOUT, timeout, o->block_timeout_ms);
	c2a_config_changed(C2A_CFG_STRICT, strict, !!(o->flags & C2A_OVF_STRICT));
	return 0;
}

static char *c2a_text_buf(void)
{
	return kmalloc(C2A_RULE_TEXT_MAX, GFP_KERNEL);
}

static long c2a_ioc_rule_add(union c2a_ioc_arg *arg)
{
	char *text = c2a_text_buf();
	long err;
	int pos;

	if (!text)
		return -ENOMEM;
	err = c2a_change_begin(C2A_CFG_RULE_ADD);
	if (!err) {
		err = c2a_rules_add(&arg->rule, &pos);
		if (!err)
			c2a_rule_text(pos, text, C2A_RULE_TEXT_MAX);
		mutex_unlock(&c2a.config_lock);
	}
	if (!err)
		c2a_emit_config(C2A_CFG_RULE_ADD, 0, 0, pos, text);
	kfree(text);
	return err;
}

static long c2a_ioc_rule_del(union c2a_ioc_arg *arg)
{
	u32 pos = arg->ref.position;
	char *text = c2a_text_buf();
	long err;

	if (!text)
		return -ENOMEM;
	err = c2a_change_begin(C2A_CFG_RULE_DEL);
	if (!err) {
		err = c2a_rule_text(pos, text, C2A_RULE_TEXT_MAX);
		if (err >= 0)
			err = c2a_rules_del(pos);
		mutex_unlock(&c2a.config_lock);
	}
	if (!err)
		c2a_emit_config(C2A_CFG_RULE_DEL, 0, pos, 0, text);
	kfree(text);
	return err;
}

static long c2a_ioc_rule_get(union c2a_ioc_arg *arg)
{
	long err;

	mutex_lock(&c2a.config_lock);
	err = c2a_rules_get(&arg->rule);
	mutex_unlock(&c2a.config_lock);
	return err;
}

/* After a load, each rule in force gets a record of its own. */
static void c2a_emit_rules(u32 count)
{
	char *text = c2a_text_buf();
	u32 i;

	for (i = 0; text && i < count; i++) {
		mutex_lock(&c2a.config_lock);
		if (c2a_rule_text(i, text, C2A_RULE_TEXT_MAX) < 0) {
			mutex_unlock(&c2a.config_lock);
			break;
		}
		mutex_unlock(&c2a.config_lock);
		c2a_emit_config(C2A_CFG_RULE_ADD, 0, 0, i, text);
	}
	kfree(text);
}

static long c2a_ioc_rules_load(union c2a_ioc_arg *arg)
{
	unsigned int old;
	long err;

	err = c2a_change_begin(C2A_CFG_RULES_LOAD);
	if (err)
		return err;
	err = c2a_rules_load(&arg->load, &old);
	mutex_unlock(&c2a.config_lock);
	if (err)
		return err;
	c2a_emit_config(C2A_CFG_RULES_LOAD, 0, old, arg->load.count, NULL);
	c2a_emit_rules(arg->load.count);
	return 0;
}

static long c2a_ioc_rules_flush(union c2a_ioc_arg *arg)
{
	unsigned int old;
	long err;

	if (arg->command.flags)
		return -EINVAL;
	err = c2a_change_begin(C2A_CFG_RULE_FLUSH);
	if (err)
		return err;
	err = c2a_rules_flush(&old);
	mutex_unlock(&c2a.config_lock);
	if (!err)
		c2a_emit_config(C2A_CFG_RULE_FLUSH, 0, old, 0, NULL);
	return err;
}

static long c2a_ioc_lock(union c2a_ioc_arg *arg)
{
	long err;

	if (arg->command.flags)
		return -EINVAL;
	err = c2a_change_begin(C2A_CFG_LOCK);
	if (err)
		return err;
	err = c2a_lock();
	mutex_unlock(&c2a.config_lock);
	if (!err)
		c2a_emit_config(C2A_CFG_LOCK, 0, 0, 1, NULL);
	return err;
}

/*
 * Not a change of policy the lock forbids: the reader, trusted with every
 * record, stops reading either way, and what producers then lose is
 * counted and reported as any loss is (failure action included).
 */
static long c2a_ioc_halting(union c2a_ioc_arg *arg)
{
	bool was;

	if (arg->command.flags)
		return -EINVAL;
	mutex_lock(&c2a.config_lock);
	was = c2a.halting;
	WRITE_ONCE(c2a.halting, true);
	mutex_unlock(&c2a.config_lock);
	wake_up_all(&c2a.space_wq);
	if (!was)
		c2a_emit_config(C2A_CFG_HALTING, 0, 0, 1, NULL);
	return 0;
}

/* Returns the observer's descriptor (observer.c). */
static long c2a_ioc_observe(union c2a_ioc_arg *arg)
{
	return c2a_observe(&arg->observe);
}

static long c2a_ioc_lsm(union c2a_ioc_arg *arg)
{
	c2a_lsm_status(&arg->lsm);
	return 0;
}

static long c2a_ioc_uprobe_add(union c2a_ioc_arg *arg)
{
	return c2a_uprobe_ioc_add(&arg->uprobe);
}

static long c2a_ioc_uprobe_del(union c2a_ioc_arg *arg)
{
	return c2a_uprobe_ioc_del(&arg->uprobe_ref);
}

static long c2a_ioc_uprobe_get(union c2a_ioc_arg *arg)
{
	return c2a_uprobe_ioc_get(&arg->uprobe);
}

static long c2a_ioc_uprobes_flush(union c2a_ioc_arg *arg)
{
	return c2a_uprobe_ioc_flush(&arg->command);
}

#define C2A_IOC(c, name, field, chg, f)					\
	{ .cmd = c, .min_size = C2A_##name##_SIZE_VER0,			\
	  .ksize = sizeof(((union c2a_ioc_arg *)0)->field),		\
	  .change = chg, .fn = f }
#define C2A_IOC_READER(c, name, field, f)				\
	{ .cmd = c, .min_size = C2A_##name##_SIZE_VER0,			\
	  .ksize = sizeof(((union c2a_ioc_arg *)0)->field),		\
	  .reader = true, .fn = f }

static const struct c2a_ioc c2a_iocs[] = {
	C2A_IOC(C2A_IOC_GET_VERSION, VERSION, version, false, c2a_ioc_version),
	C2A_IOC(C2A_IOC_GET_STATUS, STATUS, status, false, c2a_ioc_status),
	C2A_IOC(C2A_IOC_GET_STATS, STATS, stats, false, c2a_ioc_stats),
	C2A_IOC(C2A_IOC_GET_SEQS, SEQS, seqs, false, c2a_ioc_seqs),
	C2A_IOC(C2A_IOC_SET_GEOMETRY, GEOMETRY, geometry, true, c2a_ioc_geometry),
	C2A_IOC(C2A_IOC_SET_ENABLED, ENABLE, enable, true, c2a_ioc_enable),
	C2A_IOC(C2A_IOC_SET_OVERFLOW, OVERFLOW, overflow, true, c2a_ioc_overflow),
	C2A_IOC(C2A_IOC_RULE_ADD, RULE, rule, true, c2a_ioc_rule_add),
	C2A_IOC(C2A_IOC_RULE_DEL, RULE_REF, ref, true, c2a_ioc_rule_del),
	C2A_IOC(C2A_IOC_RULE_GET, RULE, rule, false, c2a_ioc_rule_get),
	C2A_IOC(C2A_IOC_RULES_LOAD, RULES_LOAD, load, true, c2a_ioc_rules_load),
	C2A_IOC(C2A_IOC_RULES_FLUSH, COMMAND, command, true, c2a_ioc_rules_flush),
	C2A_IOC(C2A_IOC_LOCK, COMMAND, command, true, c2a_ioc_lock),
	C2A_IOC(C2A_IOC_OBSERVE, OBSERVE, observe, false, c2a_ioc_observe),
	C2A_IOC(C2A_IOC_GET_LSM, LSM_STATUS, lsm, false, c2a_ioc_lsm),
	C2A_IOC(C2A_IOC_UPROBE_ADD, UPROBE_SPEC, uprobe, true, c2a_ioc_uprobe_add),
	C2A_IOC(C2A_IOC_UPROBE_DEL, UPROBE_REF, uprobe_ref, true, c2a_ioc_uprobe_del),
	C2A_IOC(C2A_IOC_UPROBE_GET, UPROBE_SPEC, uprobe, false, c2a_ioc_uprobe_get),
	C2A_IOC(C2A_IOC_UPROBES_FLUSH, COMMAND, command, true, c2a_ioc_uprobes_flush),
	C2A_IOC_READER(C2A_IOC_HALTING, COMMAND, command, c2a_ioc_halting),
};

/* A command is known by type, number and direction; its size is checked apart. */
static const struct c2a_ioc *c2a_ioc_find(unsigned int cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c2a_iocs); i++) {
		unsigned int known = c2a_iocs[i].cmd;

		if (_IOC_TYPE(cmd) == _IOC_TYPE(known) &&
		    _IOC_NR(cmd) == _IOC_NR(known) &&
		    _IOC_DIR(cmd) == _IOC_DIR(known))
			return &c2a_iocs[i];
	}
	return NULL;
}

/* Writes back what the caller's struct has room for, zeroing the rest. */
static long c2a_copy_out(void __user *uarg, u32 usize, const void *karg,
			 u32 ksize)
{
	if (copy_to_user(uarg, karg, min(usize, ksize)))
		return -EFAULT;
	if (usize > ksize && clear_user(uarg + ksize, usize - ksize))
		return -EFAULT;
	return 0;
}

long c2a_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	const struct c2a_ioc *ioc = c2a_ioc_find(cmd);
	void __user *uarg = (void __user *)arg;
	union c2a_ioc_arg karg;
	u32 usize;
	long err;

	if (!ioc)
		return -ENOTTY;
	if (ioc->change && !c2a_file_can_change(file))
		return -EPERM;
	if (ioc->reader && READ_ONCE(c2a.reader) != file)
		return -EPERM;
	if (get_user(usize, (u32 __user *)uarg))
		return -EFAULT;
	if (usize != _IOC_SIZE(cmd) || usize < ioc->min_size)
		return -EINVAL;
	memset(&karg, 0, sizeof(karg));
	if (_IOC_DIR(cmd) & _IOC_WRITE) {
		err = copy_struct_from_user(&karg, ioc->ksize, uarg, usize);
		if (err)
			return err == -E2BIG ? -EINVAL : err;
	}
	*(u32 *)&karg = min(usize, ioc->ksize);
	err = ioc->fn(&karg);
	if (err || !(_IOC_DIR(cmd) & _IOC_READ))
		return err;
	return c2a_copy_out(uarg, usize, &karg, ioc->ksize);
}
