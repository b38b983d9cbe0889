// SPDX-License-Identifier: GPL-2.0
/*
 * Audit rules, compiled. A policy is immutable: every change builds a new
 * one and publishes it with RCU, so probes read it without a lock. For
 * each syscall it keeps the rules that can select it, in order, so a call
 * never looks at rules that cannot match; a syscall no audit rule selects
 * is not even hooked (hooks.c registers probes for what the policy wants).
 *
 * Changes are made with c2a.config_lock held (ioctl.c).
 */
#include <linux/bitmap.h>
#include <linux/err.h>
#include <linux/limits.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "hooks.h"
#include "lsm.h"
#include "main.h"
#include "policy.h"
#include "policy_int.h"

#define C2A_ARCHES		(BIT(C2A_ARCH_X86_64) | BIT(C2A_ARCH_I386) | \
				 BIT(C2A_ARCH_IO_URING) | BIT(C2A_ARCH_X32))
#define C2A_LSM_HOOKS_ALL	GENMASK(C2A_LSM_COUNT - 1, 1)

struct c2a_policy __rcu *c2a_policy;
static u32 c2a_policy_gen;

static void c2a_krule_free(struct c2a_krule *k)
{
	kfree(k->exe);
	kfree(k->path);
}

static void c2a_policy_free(struct c2a_policy *p)
{
	unsigned int i;

	if (!p)
		return;
	for (i = 0; i < p->count; i++)
		c2a_krule_free(&p->rules[i]);
	for (i = 0; i < C2A_SYS_COUNT; i++)
		kfree(p->by_sys[i]);
	for (i = 0; i < C2A_LSM_COUNT; i++)
		kfree(p->by_lsm[i]);
	kfree(p->rules);
	kfree(p);
}

static void c2a_policy_free_rcu(struct rcu_head *head)
{
	c2a_policy_free(container_of(head, struct c2a_policy, rcu));
}

static struct c2a_policy *c2a_policy_live(void)
{
	return rcu_dereference_protected(c2a_policy,
					 lockdep_is_held(&c2a.config_lock) ||
					 !c2a_policy_gen);
}

static bool c2a_rule_has_syscall(const struct c2a_rule *r, unsigned int sysid)
{
	unsigned int i;
	bool any = false;

	/* A rule of LSM hooks selects no syscall. */
	if (r->lsm_hooks)
		return false;
	for (i = 0; i < C2A_SYSID_WORDS; i++)
		any |= r->syscalls[i] != 0;
	return !any || (r->syscalls[sysid / 64] & BIT_ULL(sysid % 64));
}

/* The positions of the rules that select @hook, ending in C2A_NOPOS. */
static int c2a_policy_index_lsm(struct c2a_policy *p, unsigned int hook)
{
	unsigned int i, n;

	for (i = 0, n = 0; i < p->count; i++)
		n += !!(p->rules[i].r.lsm_hooks & BIT(hook));
	if (!n)
		return 0;
	p->by_lsm[hook] = kmalloc_array(n + 1, sizeof(u16), GFP_KERNEL);
	if (!p->by_lsm[hook])
		return -ENOMEM;
	for (i = 0, n = 0; i < p->count; i++) {
		if (!(p->rules[i].r.lsm_hooks & BIT(hook)))
			continue;
		p->by_lsm[hook][n++] = i;
		if (p->rules[i].r.action == C2A_ACT_AUDIT)
			p->lsm_wanted |= BIT(hook);
	}
	p->by_lsm[hook][n] = C2A_NOPOS;
	return 0;
}

/* Indexes a policy's rules by syscall; fails only for lack of memory. */
static int c2a_policy_index(struct c2a_policy *p)
{
	unsigned int sys, i, n;

	for (sys = 1; sys < C2A_SYS_COUNT; sys++) {
		for (i = 0, n = 0; i < p->count; i++)
			n += c2a_rule_has_syscall(&p->rules[i].r, sys);
		if (!n)
			continue;
		p->by_sys[sys] = kmalloc_array(n + 1, sizeof(u16), GFP_KERNEL);
		if (!p->by_sys[sys])
			return -ENOMEM;
		for (i = 0, n = 0; i < p->count; i++) {
			if (!c2a_rule_has_syscall(&p->rules[i].r, sys))
				continue;
			p->by_sys[sys][n++] = i;
			if (p->rules[i].r.action == C2A_ACT_AUDIT)
				__set_bit(sys, p->wanted);
		}
		p->by_sys[sys][n] = C2A_NOPOS;
	}
	for (sys = 1; sys < C2A_LSM_COUNT; sys++)
		if (c2a_policy_index_lsm(p, sys))
			return -ENOMEM;
	return 0;
}

/* A policy of @count rules taken from @rules, which it now owns. */
static struct c2a_policy *c2a_policy_new(struct c2a_krule *rules, u32 count)
{
	struct c2a_policy *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p) {
		while (count)
			c2a_krule_free(&rules[--count]);
		kfree(rules);
		return NULL;
	}
	p->rules = rules;
	p->count = count;
	p->gen = ++c2a_policy_gen;
	if (c2a_policy_index(p)) {
		c2a_policy_free(p);
		return NULL;
	}
	return p;
}

/*
 * Makes @p the policy: first the probes it needs are set, then it is
 * published, then the probes only the old one needed are removed.
 */
static void c2a_policy_publish(struct c2a_policy *p)
{
	struct c2a_policy *old = c2a_policy_live();

	c2a_hooks_add(p->wanted);
	rcu_assign_pointer(c2a_policy, p);
	c2a_hooks_prune(p->wanted);
	c2a_lsm_set_audited(p->lsm_wanted);
	if (old)
		call_rcu(&old->rcu, c2a_policy_free_rcu);
}

static bool c2a_idmatch_valid(const struct c2a_idmatch *m)
{
	if (m->__pad || m->op > C2A_IDOP_OUT)
		return false;
	if (m->op == C2A_IDOP_ANY)
		return !m->lo && !m->hi;
	return m->lo <= m->hi;
}

/* A user string of the rule: no NUL inside, absolute, short of PATH_MAX. */
static char *c2a_rule_string(u64 uptr, u32 len)
{
	char *s;

	if (!len)
		return NULL;
	if (len >= PATH_MAX)
		return ERR_PTR(-EINVAL);
	s = memdup_user_nul(u64_to_user_ptr(uptr), len);
	if (IS_ERR(s))
		return s;
	if (strlen(s) != len || s[0] != '/') {
		kfree(s);
		return ERR_PTR(-EINVAL);
	}
	return s;
}

/*
 * A rule of LSM hooks: no syscall, arch, executable, path, argument,
 * result or access class condition.
 */
static bool c2a_lsm_rule_valid(const struct c2a_rule *r)
{
	unsigned int i;

	if (r->lsm_hooks & ~C2A_LSM_HOOKS_ALL)
		return false;
	if (!r->lsm_hooks)
		return true;
	for (i = 0; i < C2A_SYSID_WORDS; i++)
		if (r->syscalls[i])
			return false;
	for (i = 0; i < C2A_RULE_ARGS; i++)
		if (r->args[i].op)
			return false;
	return !r->arches && !r->exe_len && !r->path_len && !r->perm &&
	       !r->exit_op && !r->rflags;
}

/* Both uids or both gids. */
static bool c2a_fieldcmp_valid(const struct c2a_fieldcmp *c)
{
	bool lgid = c->left >= C2A_ID_GID, rgid = c->right >= C2A_ID_GID;

	if (c->op == C2A_CMP_NONE)
		return !c->left && !c->right;
	return (c->op == C2A_CMP_EQ || c->op == C2A_CMP_NE) &&
	       c->left > C2A_ID_NONE && c->left < C2A_ID_COUNT &&
	       c->right > C2A_ID_NONE && c->right < C2A_ID_COUNT &&
	       lgid == rgid;
}

/* The conditions auditctl's fields brought (C2A_RULE_SIZE_VER1). */
static bool c2a_rule_valid_v1(const struct c2a_rule *r)
{
	unsigned int i;

	if (r->perm & ~(C2A_PERM_EXEC | C2A_PERM_WRITE | C2A_PERM_READ |
			C2A_PERM_ATTR))
		return false;
	if (r->rflags & ~(C2A_RULEF_PATH_EXACT | C2A_RULEF_NR32))
		return false;
	if ((r->rflags & C2A_RULEF_PATH_EXACT) && !r->path_len)
		return false;
	if (r->exit_op > C2A_IDOP_OUT || r->nexits > C2A_RULE_EXITS ||
	    !r->exit_op != !r->nexits)
		return false;
	for (i = r->nexits; i < C2A_RULE_EXITS; i++)
		if (r->exits[i])
			return false;
	for (i = 0; i < C2A_RULE_ARGS; i++)
		if (r->args[i].op > C2A_CMP_BITS ||
		    (!r->args[i].op && r->args[i].val))
			return false;
	for (i = 0; i < C2A_RULE_CMPS; i++)
		if (!c2a_fieldcmp_valid(&r->cmp[i]) ||
		    (i && r->cmp[i].op && !r->cmp[i - 1].op))
			return false;
	for (i = 0; i < C2A_NR32_WORDS; i++)
		if (r->nr32[i] && !(r->rflags & C2A_RULEF_NR32))
			return false;
	return c2a_idmatch_valid(&r->suid) && c2a_idmatch_valid(&r->fsuid) &&
	       c2a_idmatch_valid(&r->egid) && c2a_idmatch_valid(&r->sgid) &&
	       c2a_idmatch_valid(&r->fsgid);
}

static bool c2a_rule_has_ids(const struct c2a_rule *r)
{
	return r->uid.op || r->euid.op || r->suid.op || r->fsuid.op ||
	       r->auid.op || r->gid.op || r->egid.op || r->sgid.op ||
	       r->fsgid.op || r->cmp[0].op;
}

static bool c2a_rule_has_args(const struct c2a_rule *r)
{
	unsigned int i;

	for (i = 0; i < C2A_RULE_ARGS; i++)
		if (r->args[i].op)
			return true;
	return false;
}

static bool c2a_rule_valid(const struct c2a_rule *r)
{
	unsigned int i;

	if (!c2a_lsm_rule_valid(r) || r->action < C2A_ACT_AUDIT ||
	    r->action > C2A_ACT_EXCLUDE ||
	    r->outcome > C2A_OUTCOME_FAILURE || r->arches & ~C2A_ARCHES ||
	    r->pid < 0 || r->ppid < 0)
		return false;
	/* Bits past the last known syscall, and bit 0 (none), are errors. */
	if (r->syscalls[0] & 1)
		return false;
	for (i = C2A_SYS_COUNT; i < C2A_SYSID_WORDS * 64; i++)
		if (r->syscalls[i / 64] & BIT_ULL(i % 64))
			return false;
	if (!c2a_idmatch_valid(&r->uid) || !c2a_idmatch_valid(&r->euid) ||
	    !c2a_idmatch_valid(&r->auid) || !c2a_idmatch_valid(&r->gid) ||
	    !c2a_rule_valid_v1(r))
		return false;
	/* The key is a C string, NUL-padded. */
	if (r->key[C2A_KEY_LEN - 1])
		return false;
	for (i = strnlen(r->key, C2A_KEY_LEN); i < C2A_KEY_LEN; i++)
		if (r->key[i])
			return false;
	return true;
}

/* Compiles a rule as given through an ioctl: -EINVAL, -EFAULT, -ENOMEM. */
static int c2a_krule_compile(struct c2a_krule *k, const struct c2a_rule *r)
{
	memset(k, 0, sizeof(*k));
	if (!c2a_rule_valid(r))
		return -EINVAL;
	k->exe = c2a_rule_string(r->exe_ptr, r->exe_len);
	if (IS_ERR(k->exe))
		return PTR_ERR(k->exe);
	k->path = c2a_rule_string(r->path_ptr, r->path_len);
	if (IS_ERR(k->path)) {
		kfree(k->exe);
		return PTR_ERR(k->path);
	}
	k->r = *r;
	k->r.exe_ptr = 0;
	k->r.path_ptr = 0;
	k->r.position = 0;
	k->has_ids = c2a_rule_has_ids(r);
	k->has_args = c2a_rule_has_args(r);
	if (k->exe || k->path)
		k->stage = C2A_STAGE_COMMIT;
	else if (r->outcome != C2A_OUTCOME_ANY || r->exit_op || r->perm)
		k->stage = C2A_STAGE_RETURN;
	else
		k->stage = C2A_STAGE_ENTRY;
	return 0;
}

static int c2a_krule_copy(struct c2a_krule *dst, const struct c2a_krule *src)
{
	*dst = *src;
	dst->exe = src->exe ? kstrdup(src->exe, GFP_KERNEL) : NULL;
	dst->path = src->path ? kstrdup(src->path, GFP_KERNEL) : NULL;
	if ((src->exe && !dst->exe) || (src->path && !dst->path)) {
		c2a_krule_free(dst);
		return -ENOMEM;
	}
	return 0;
}

/* A copy of the live rules with room for @extra more, or NULL. */
static struct c2a_krule *c2a_rules_copy(const struct c2a_policy *p, u32 extra)
{
	struct c2a_krule *rules = kcalloc(p->count + extra, sizeof(*rules),
					  GFP_KERNEL);
	u32 i;

	if (!rules)
		return NULL;
	for (i = 0; i < p->count; i++) {
		if (c2a_krule_copy(&rules[i], &p->rules[i]))
			goto err_free;
	}
	return rules;
err_free:
	while (i)
		c2a_krule_free(&rules[--i]);
	kfree(rules);
	return NULL;
}

/* Publishes a policy of @rules (taken) or frees them; 0 or -ENOMEM. */
static long c2a_policy_replace(struct c2a_krule *rules, u32 count)
{
	struct c2a_policy *p = c2a_policy_new(rules, count);

	if (!p)
		return -ENOMEM;
	c2a_policy_publish(p);
	return 0;
}

long c2a_rules_add(const struct c2a_rule *r, int *pos)
{
	const struct c2a_policy *p = c2a_policy_live();
	struct c2a_krule k, *rules;
	u32 at = min(r->position, p->count);
	int err;

	lockdep_assert_held(&c2a.config_lock);
	if (p->count == C2A_RULES_MAX)
		return -ENOSPC;
	err = c2a_krule_compile(&k, r);
	if (err)
		return err;
	rules = c2a_rules_copy(p, 1);
	if (!rules) {
		c2a_krule_free(&k);
		return -ENOMEM;
	}
	memmove(&rules[at + 1], &rules[at], (p->count - at) * sizeof(*rules));
	rules[at] = k;
	*pos = at;
	return c2a_policy_replace(rules, p->count + 1);
}

long c2a_rules_del(u32 pos)
{
	const struct c2a_policy *p = c2a_policy_live();
	struct c2a_krule *rules;

	lockdep_assert_held(&c2a.config_lock);
	if (pos >= p->count)
		return -ENOENT;
	rules = c2a_rules_copy(p, 0);
	if (!rules)
		return -ENOMEM;
	c2a_krule_free(&rules[pos]);
	memmove(&rules[pos], &rules[pos + 1],
		(p->count - pos - 1) * sizeof(*rules));
	return c2a_policy_replace(rules, p->count - 1);
}

/* Copies @s if there is room; the length goes back either way. */
static int c2a_put_string(u64 uptr, u32 *ulen, const char *s)
{
	u32 len = s ? strlen(s) : 0;
	u32 room = *ulen;

	*ulen = len;
	if (!len || room < len)
		return 0;
	return copy_to_user(u64_to_user_ptr(uptr), s, len) ? -EFAULT : 0;
}

/* Fills @r with the rule at r->position; its strings go where r says. */
long c2a_rules_get(struct c2a_rule *r)
{
	const struct c2a_policy *p = c2a_policy_live();
	const struct c2a_krule *k;
	struct c2a_rule out;
	long err;

	lockdep_assert_held(&c2a.config_lock);
	if (r->position >= p->count)
		return -ENOENT;
	k = &p->rules[r->position];
	out = k->r;
	out.size = r->size;
	out.position = r->position;
	out.exe_ptr = r->exe_ptr;
	out.exe_len = r->exe_len;
	out.path_ptr = r->path_ptr;
	out.path_len = r->path_len;
	err = c2a_put_string(out.exe_ptr, &out.exe_len, k->exe);
	if (!err)
		err = c2a_put_string(out.path_ptr, &out.path_len, k->path);
	*r = out;
	return err;
}

long c2a_rules_load(const struct c2a_rules_load *l, unsigned int *old)
{
	const struct c2a_rule __user *urules = u64_to_user_ptr(l->rules_ptr);
	struct c2a_krule *rules;
	struct c2a_rule r;
	u32 i;
	long err = 0;

	lockdep_assert_held(&c2a.config_lock);
	if (l->__pad || l->count > C2A_RULES_MAX ||
	    l->rule_size < C2A_RULE_SIZE_VER0 || l->rule_size > PAGE_SIZE)
		return -EINVAL;
	rules = kcalloc(max(l->count, 1U), sizeof(*rules), GFP_KERNEL);
	if (!rules)
		return -ENOMEM;
	for (i = 0; i < l->count && !err; i++) {
		err = copy_struct_from_user(&r, sizeof(r),
					    (const void __user *)urules +
					    (size_t)i * l->rule_size, l->rule_size);
		if (err == -E2BIG)
			err = -EINVAL;
		if (!err)
			err = c2a_krule_compile(&rules[i], &r);
	}
	if (err) {
		while (i)
			c2a_krule_free(&rules[--i]);
		kfree(rules);
		return err;
	}
	*old = c2a_policy_live()->count;
	return c2a_policy_replace(rules, l->count);
}

long c2a_rules_flush(unsigned int *old)
{
	lockdep_assert_held(&c2a.config_lock);
	*old = c2a_policy_live()->count;
	return c2a_policy_replace(NULL, 0);
}

unsigned int c2a_policy_count(void)
{
	unsigned int n;

	rcu_read_lock();
	n = rcu_dereference(c2a_policy)->count;
	rcu_read_unlock();
	return n;
}

void c2a_policy_wanted(unsigned long *wanted)
{
	lockdep_assert_held(&c2a.config_lock);
	bitmap_copy(wanted, c2a_policy_live()->wanted, C2A_SYS_COUNT);
}

static int c2a_idmatch_text(char *buf, size_t len, const char *name,
			    const struct c2a_idmatch *m)
{
	const char *op = m->op == C2A_IDOP_OUT ? "!=" : "=";

	if (m->op == C2A_IDOP_ANY)
		return 0;
	if (m->lo == m->hi)
		return scnprintf(buf, len, " %s%s%u", name, op, m->lo);
	return scnprintf(buf, len, " %s%s%u-%u", name, op, m->lo, m->hi);
}

static const char *const c2a_cmp_ops[] = {
	[C2A_CMP_EQ] = "=", [C2A_CMP_NE] = "!=", [C2A_CMP_LT] = "<",
	[C2A_CMP_LE] = "<=", [C2A_CMP_GT] = ">", [C2A_CMP_GE] = ">=",
	[C2A_CMP_MASK] = "&", [C2A_CMP_BITS] = "&=",
};

static const char *const c2a_id_names[C2A_ID_COUNT] = {
	"none", "uid", "euid", "suid", "fsuid", "auid", "gid", "egid", "sgid",
	"fsgid",
};

/* The conditions of C2A_RULE_SIZE_VER1, as the rules file has them. */
static int c2a_rule_text_v1(const struct c2a_rule *r, char *buf, size_t len)
{
	unsigned int i, nr;
	int n = 0, first = 1;

	n += c2a_idmatch_text(buf + n, len - n, "suid", &r->suid);
	n += c2a_idmatch_text(buf + n, len - n, "fsuid", &r->fsuid);
	n += c2a_idmatch_text(buf + n, len - n, "egid", &r->egid);
	n += c2a_idmatch_text(buf + n, len - n, "sgid", &r->sgid);
	n += c2a_idmatch_text(buf + n, len - n, "fsgid", &r->fsgid);
	for (i = 0; i < C2A_RULE_CMPS && r->cmp[i].op; i++)
		n += scnprintf(buf + n, len - n, " cmp=%s%s%s",
			       c2a_id_names[r->cmp[i].left],
			       c2a_cmp_ops[r->cmp[i].op],
			       c2a_id_names[r->cmp[i].right]);
	for (i = 0; i < r->nexits; i++)
		n += scnprintf(buf + n, len - n, "%s%d",
			       !i ? (r->exit_op == C2A_IDOP_OUT ? " exit!=" :
				     " exit=") : ",", r->exits[i]);
	for (i = 0; i < C2A_RULE_ARGS; i++)
		if (r->args[i].op)
			n += scnprintf(buf + n, len - n, " a%u%s%#x", i,
				       c2a_cmp_ops[r->args[i].op],
				       r->args[i].val);
	if (r->perm)
		n += scnprintf(buf + n, len - n, " perm=%s%s%s%s",
			       r->perm & C2A_PERM_READ ? "r" : "",
			       r->perm & C2A_PERM_WRITE ? "w" : "",
			       r->perm & C2A_PERM_EXEC ? "x" : "",
			       r->perm & C2A_PERM_ATTR ? "a" : "");
	for (nr = 0; (r->rflags & C2A_RULEF_NR32) &&
	     nr < C2A_NR32_WORDS * 64; nr++) {
		if (!(r->nr32[nr / 64] & BIT_ULL(nr % 64)))
			continue;
		n += scnprintf(buf + n, len - n, "%s%u",
			       first ? " i386=" : ",", nr);
		first = 0;
	}
	return n;
}

#define C2A_SYS_NAME(name) #name,
static const char *const c2a_sys_names[C2A_SYS_COUNT] = {
	"none", C2A_SYSCALLS(C2A_SYS_NAME)
};

/* The rule at @pos in the rules file's grammar, for config records. */
int c2a_rule_text(u32 pos, char *buf, size_t len)
{
	const struct c2a_policy *p = c2a_policy_live();
	const struct c2a_krule *k;
	const struct c2a_rule *r;
	unsigned int sys;
	int n, first = 1;

	if (pos >= p->count)
		return -ENOENT;
	k = &p->rules[pos];
	r = &k->r;
	n = scnprintf(buf, len, "%s",
		      r->action == C2A_ACT_AUDIT ? "audit" : "exclude");
	for (sys = 1; sys < C2A_SYS_COUNT; sys++) {
		if (!(r->syscalls[sys / 64] & BIT_ULL(sys % 64)))
			continue;
		n += scnprintf(buf + n, len - n, "%s%s",
			       first ? " syscall=" : ",", c2a_sys_names[sys]);
		first = 0;
	}
	for (sys = 1, first = 1; sys < C2A_LSM_COUNT; sys++) {
		if (!(r->lsm_hooks & BIT(sys)))
			continue;
		n += scnprintf(buf + n, len - n, "%s%s",
			       first ? " lsm=" : ",", c2a_lsm_name(sys));
		first = 0;
	}
	if (r->outcome)
		n += scnprintf(buf + n, len - n, " success=%s",
			       r->outcome == C2A_OUTCOME_SUCCESS ? "yes" : "no");
	if (r->arches)
		n += scnprintf(buf + n, len - n, " arches=%#x", r->arches);
	if (r->pid)
		n += scnprintf(buf + n, len - n, " pid=%d", r->pid);
	if (r->ppid)
		n += scnprintf(buf + n, len - n, " ppid=%d", r->ppid);
	n += c2a_idmatch_text(buf + n, len - n, "uid", &r->uid);
	n += c2a_idmatch_text(buf + n, len - n, "euid", &r->euid);
	n += c2a_idmatch_text(buf + n, len - n, "auid", &r->auid);
	n += c2a_idmatch_text(buf + n, len - n, "gid", &r->gid);
	n += c2a_rule_text_v1(r, buf + n, len - n);
	if (k->exe)
		n += scnprintf(buf + n, len - n, " exe=%s", k->exe);
	if (k->path)
		n += scnprintf(buf + n, len - n, " %s=%s",
			       r->rflags & C2A_RULEF_PATH_EXACT ? "file" : "path",
			       k->path);
	if (r->key[0])
		n += scnprintf(buf + n, len - n, " key=%s", r->key);
	return n;
}

/* The first policy: one rule auditing every call, or none. */
int c2a_policy_init(bool audit_all)
{
	struct c2a_krule *rules = NULL;
	struct c2a_policy *p;

	if (audit_all) {
		rules = kzalloc(sizeof(*rules), GFP_KERNEL);
		if (!rules)
			return -ENOMEM;
		rules->r.size = sizeof(rules->r);
		rules->r.action = C2A_ACT_AUDIT;
	}
	p = c2a_policy_new(rules, audit_all);
	if (!p)
		return -ENOMEM;
	rcu_assign_pointer(c2a_policy, p);
	return 0;
}

void c2a_policy_exit(void)
{
	c2a_policy_free(rcu_dereference_protected(c2a_policy, true));
}
