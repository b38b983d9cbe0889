// SPDX-License-Identifier: GPL-2.0
/*
 * Deciding a call against the live policy: the rules that can select its
 * syscall or LSM hook, in order, as far as what is known at each stage of
 * the call allows (policy.h). Runs in the probes, in any context.
 */
#include <linux/bits.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/rcupdate.h>
#include <linux/string.h>

#include "policy.h"
#include "policy_int.h"

static bool c2a_id_ok(const struct c2a_idmatch *m, u32 id)
{
	switch (m->op) {
	case C2A_IDOP_IN:
		return id >= m->lo && id <= m->hi;
	case C2A_IDOP_OUT:
		return id < m->lo || id > m->hi;
	}
	return true;
}

/* @path is @dir or lies under it. */
static bool c2a_path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!path || strncmp(path, dir, n))
		return false;
	return dir[n - 1] == '/' || path[n] == '\0' || path[n] == '/';
}

static bool c2a_failed(long ret)
{
	return ret < 0 && ret >= -MAX_ERRNO;
}

static bool c2a_cmp(u32 a, u32 op, u32 b)
{
	switch (op) {
	case C2A_CMP_EQ:
		return a == b;
	case C2A_CMP_NE:
		return a != b;
	case C2A_CMP_LT:
		return a < b;
	case C2A_CMP_LE:
		return a <= b;
	case C2A_CMP_GT:
		return a > b;
	case C2A_CMP_GE:
		return a >= b;
	case C2A_CMP_MASK:
		return a & b;
	case C2A_CMP_BITS:
		return (a & b) == b;
	}
	return true;
}

/* The caller's ids: each against its range, and against each other. */
static bool c2a_rule_ids_match(const struct c2a_rule *r, const u32 *ids)
{
	unsigned int i;

	if (!c2a_id_ok(&r->uid, ids[C2A_ID_UID]) ||
	    !c2a_id_ok(&r->euid, ids[C2A_ID_EUID]) ||
	    !c2a_id_ok(&r->suid, ids[C2A_ID_SUID]) ||
	    !c2a_id_ok(&r->fsuid, ids[C2A_ID_FSUID]) ||
	    !c2a_id_ok(&r->auid, ids[C2A_ID_AUID]) ||
	    !c2a_id_ok(&r->gid, ids[C2A_ID_GID]) ||
	    !c2a_id_ok(&r->egid, ids[C2A_ID_EGID]) ||
	    !c2a_id_ok(&r->sgid, ids[C2A_ID_SGID]) ||
	    !c2a_id_ok(&r->fsgid, ids[C2A_ID_FSGID]))
		return false;
	for (i = 0; i < C2A_RULE_CMPS && r->cmp[i].op; i++)
		if (!c2a_cmp(ids[r->cmp[i].left], r->cmp[i].op,
			     ids[r->cmp[i].right]))
			return false;
	return true;
}

/*
 * The conditions known from the call's entry on: who calls (its ids only
 * when @ids_known: a call that changes them is decided on the ids it
 * leaves), which call, its arguments.
 */
static bool c2a_rule_who_matches(const struct c2a_krule *k,
				 const struct c2a_facts *f, bool ids_known)
{
	const struct c2a_rule *r = &k->r;
	unsigned int i;

	if (r->arches && !(r->arches & BIT(f->arch)))
		return false;
	if ((r->rflags & C2A_RULEF_NR32) && f->arch == C2A_ARCH_I386 &&
	    (f->nr >= C2A_NR32_WORDS * 64 ||
	     !(r->nr32[f->nr / 64] & BIT_ULL(f->nr % 64))))
		return false;
	if ((r->pid && r->pid != f->tgid) || (r->ppid && r->ppid != f->ppid))
		return false;
	for (i = 0; k->has_args && f->args && i < C2A_RULE_ARGS; i++)
		if (r->args[i].op &&
		    !c2a_cmp((u32)f->args[i], r->args[i].op, r->args[i].val))
			return false;
	return !ids_known || !k->has_ids || c2a_rule_ids_match(r, f->ids);
}

/* Calls that change the caller's ids: their rules wait for the return. */
static bool c2a_changes_ids(u16 sysid)
{
	switch (sysid) {
	case C2A_SYS_execve:
	case C2A_SYS_execveat:
	case C2A_SYS_setuid:
	case C2A_SYS_setgid:
	case C2A_SYS_setreuid:
	case C2A_SYS_setregid:
	case C2A_SYS_setresuid:
	case C2A_SYS_setresgid:
	case C2A_SYS_setfsuid:
	case C2A_SYS_setfsgid:
		return true;
	}
	return false;
}

static bool c2a_exit_ok(const struct c2a_rule *r, long ret)
{
	bool found = false;
	unsigned int i;

	if (!r->exit_op)
		return true;
	for (i = 0; i < r->nexits; i++)
		found |= r->exits[i] == ret;
	return r->exit_op == C2A_IDOP_IN ? found : !found;
}

/*
 * Linux audit's classes of calls (include/asm-generic/audit_*.h), of
 * those the module hooks: the opens by their access mode, as ACC_MODE().
 */
u8 c2a_perm_class(u16 sysid, const unsigned long *args, u64 how_flags)
{
	static const u8 acc_mode[4] = {
		C2A_PERM_READ, C2A_PERM_WRITE,
		C2A_PERM_READ | C2A_PERM_WRITE, C2A_PERM_READ | C2A_PERM_WRITE,
	};

	switch (sysid) {
	case C2A_SYS_open:
		return acc_mode[args[1] & O_ACCMODE];
	case C2A_SYS_openat:
		return acc_mode[args[2] & O_ACCMODE];
	case C2A_SYS_openat2:
		return acc_mode[how_flags & O_ACCMODE];
	case C2A_SYS_execve:
	case C2A_SYS_execveat:
		return C2A_PERM_EXEC;
	case C2A_SYS_link:
	case C2A_SYS_linkat:
		/* in both the directory write and the attribute class */
		return C2A_PERM_WRITE | C2A_PERM_ATTR;
	case C2A_SYS_rename:
	case C2A_SYS_mkdir:
	case C2A_SYS_rmdir:
	case C2A_SYS_creat:
	case C2A_SYS_unlink:
	case C2A_SYS_symlink:
	case C2A_SYS_mknod:
	case C2A_SYS_mkdirat:
	case C2A_SYS_mknodat:
	case C2A_SYS_unlinkat:
	case C2A_SYS_renameat:
	case C2A_SYS_symlinkat:
	case C2A_SYS_renameat2:
	case C2A_SYS_swapon:
	case C2A_SYS_truncate:
	case C2A_SYS_ftruncate:
	case C2A_SYS_bind:
		return C2A_PERM_WRITE;
	case C2A_SYS_chmod:
	case C2A_SYS_fchmod:
	case C2A_SYS_chown:
	case C2A_SYS_lchown:
	case C2A_SYS_fchown:
	case C2A_SYS_setxattr:
	case C2A_SYS_lsetxattr:
	case C2A_SYS_fsetxattr:
	case C2A_SYS_removexattr:
	case C2A_SYS_lremovexattr:
	case C2A_SYS_fremovexattr:
	case C2A_SYS_fchownat:
	case C2A_SYS_fchmodat:
	case C2A_SYS_fchmodat2:
		return C2A_PERM_ATTR;
	}
	return 0;
}

/* What the return decides: the outcome, the exit value, the access. */
static bool c2a_rule_return_matches(const struct c2a_krule *k,
				    const struct c2a_facts *f)
{
	const struct c2a_rule *r = &k->r;

	if ((r->outcome == C2A_OUTCOME_SUCCESS && c2a_failed(f->ret)) ||
	    (r->outcome == C2A_OUTCOME_FAILURE && !c2a_failed(f->ret)))
		return false;
	return c2a_exit_ok(r, f->ret) && (!r->perm || (r->perm & f->perm));
}

/*
 * At the entry, a rule on an access the call's arguments already rule out
 * (a watch's -p wa on an open for reading) cannot match at any stage.
 */
static bool c2a_rule_perm_possible(const struct c2a_krule *k,
				   const struct c2a_facts *f)
{
	return !(f->perm & C2A_PERM_KNOWN) || !k->r.perm ||
	       (k->r.perm & f->perm);
}

/* The rest: the executable, the paths. */
static bool c2a_rule_matches(const struct c2a_krule *k,
			     const struct c2a_facts *f)
{
	const struct c2a_rule *r = &k->r;

	if (!c2a_rule_return_matches(k, f))
		return false;
	if (k->exe && (!f->exe || strcmp(f->exe, k->exe)))
		return false;
	if (!k->path)
		return true;
	if (r->rflags & C2A_RULEF_PATH_EXACT)
		return (f->path && !strcmp(f->path, k->path)) ||
		       (f->path2 && !strcmp(f->path2, k->path));
	return c2a_path_under(f->path, k->path) ||
	       c2a_path_under(f->path2, k->path);
}

/*
 * Walks the call's rules (a syscall's, or with f->hook an LSM hook's)
 * from where @w stands, as far as the facts of @stage allow. When a rule decides to audit, its key goes to @key (if not
 * NULL). Any context: the policy is read under RCU.
 */
u8 c2a_policy_walk(struct c2a_walk *w, const struct c2a_facts *f,
		   enum c2a_stage stage, char *key)
{
	const struct c2a_policy *p;
	const u16 *list;
	u8 verdict = C2A_NOT_AUDITED;
	bool ids_known;

	rcu_read_lock();
	p = rcu_dereference(c2a_policy);
	if (w->gen != p->gen) {
		w->gen = p->gen;
		w->pos = 0;
	}
	if (f->hook)
		list = f->hook < C2A_LSM_COUNT ? p->by_lsm[f->hook] : NULL;
	else
		list = p->by_sys[f->sysid];
	ids_known = f->hook || stage != C2A_STAGE_ENTRY ||
		    !c2a_changes_ids(f->sysid);
	for (; list && list[w->pos] != C2A_NOPOS; w->pos++) {
		const struct c2a_krule *k = &p->rules[list[w->pos]];

		/* A rule for other callers is passed at once, at any stage. */
		if (!c2a_rule_perm_possible(k, f) ||
		    !c2a_rule_who_matches(k, f, ids_known))
			continue;
		if (k->stage > stage || (!ids_known && k->has_ids)) {
			/*
			 * A rule on paths whose outcome or access already
			 * fails (a watch's -p wa on a read) needs no capture
			 * to be passed (at the entry, when the access is
			 * known from the arguments, not even the wrapper:
			 * above).
			 */
			if (stage == C2A_STAGE_RETURN && ids_known &&
			    !c2a_rule_return_matches(k, f))
				continue;
			verdict = C2A_PENDING;
			break;
		}
		if (!c2a_rule_matches(k, f))
			continue;
		if (k->r.action == C2A_ACT_AUDIT) {
			verdict = C2A_AUDITED;
			if (key)
				memcpy(key, k->r.key, C2A_KEY_LEN);
		}
		break;
	}
	rcu_read_unlock();
	w->verdict = verdict;
	return verdict;
}
