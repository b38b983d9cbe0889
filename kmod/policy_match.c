// SPDX-License-Identifier: GPL-2.0
/*
 * Deciding a call against the live policy: the rules that can select its
 * syscall or LSM hook, in order, as far as what is known at each stage of
 * the call allows (policy.h). Runs in the probes, in any context.
 */
#include <linux/err.h>
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

/* The conditions on who calls, known from the call's entry on. */
static bool c2a_rule_who_matches(const struct c2a_krule *k,
				 const struct c2a_facts *f)
{
	const struct c2a_rule *r = &k->r;

	if (r->arches && !(r->arches & BIT(f->arch)))
		return false;
	if ((r->pid && r->pid != f->tgid) || (r->ppid && r->ppid != f->ppid))
		return false;
	return c2a_id_ok(&r->uid, f->uid) && c2a_id_ok(&r->euid, f->euid) &&
	       c2a_id_ok(&r->auid, f->auid) && c2a_id_ok(&r->gid, f->gid);
}

/* The rest: the outcome, the executable, the paths. */
static bool c2a_rule_matches(const struct c2a_krule *k,
			     const struct c2a_facts *f)
{
	const struct c2a_rule *r = &k->r;

	if ((r->outcome == C2A_OUTCOME_SUCCESS && c2a_failed(f->ret)) ||
	    (r->outcome == C2A_OUTCOME_FAILURE && !c2a_failed(f->ret)))
		return false;
	if (k->exe && (!f->exe || strcmp(f->exe, k->exe)))
		return false;
	if (k->path && !c2a_path_under(f->path, k->path) &&
	    !c2a_path_under(f->path2, k->path))
		return false;
	return true;
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
	for (; list && list[w->pos] != C2A_NOPOS; w->pos++) {
		const struct c2a_krule *k = &p->rules[list[w->pos]];

		/* A rule for other callers is passed at once, at any stage. */
		if (!c2a_rule_who_matches(k, f))
			continue;
		if (k->stage > stage) {
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
