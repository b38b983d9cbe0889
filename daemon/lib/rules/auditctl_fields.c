// SPDX-License-Identifier: GPL-2.0
/*
 * An auditctl rule's fields (-F, -C) as libaudit parsed them, into the
 * module's conditions: several conditions on one id or result become the
 * one range or list they leave, or are refused.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array_size.h"
#include "auditctl_int.h"
#include "conditions.h"

static void idset_keep(struct idset *s, __u32 lo, __u32 hi)
{
	int k = 0;

	for (int i = 0; i < s->n; i++) {
		__u32 l = s->iv[i].lo > lo ? s->iv[i].lo : lo;
		__u32 h = s->iv[i].hi < hi ? s->iv[i].hi : hi;

		if (l <= h)
			s->iv[k].lo = l, s->iv[k++].hi = h;
	}
	s->n = k;
}

static bool idset_drop(struct idset *s, __u32 lo, __u32 hi)
{
	int k = 0, m = s->n;
	typeof(s->iv[0]) out[16];

	for (int i = 0; i < m; i++) {
		if (s->iv[i].hi < lo || s->iv[i].lo > hi) {
			out[k++] = s->iv[i];
			continue;
		}
		if (s->iv[i].lo < lo)
			out[k].lo = s->iv[i].lo, out[k++].hi = lo - 1;
		if (s->iv[i].hi > hi)
			out[k].lo = hi + 1, out[k++].hi = s->iv[i].hi;
	}
	if (k > (int)ARRAY_SIZE(s->iv))
		return false;
	memcpy(s->iv, out, k * sizeof(out[0]));
	s->n = k;
	return true;
}

static int idset_add(struct actl *a, struct idset *s, const char *name,
		     __u32 op, __u32 v)
{
	if (!s->used) {
		s->used = true;
		s->n = 1;
		s->iv[0].lo = 0;
		s->iv[0].hi = UID_MAX32;
	}
	switch (op) {
	case AUDIT_EQUAL:
		idset_keep(s, v, v);
		break;
	case AUDIT_NOT_EQUAL:
		if (!idset_drop(s, v, v))
			return REFUSE(a, "%s: too many conditions for one rule", name);
		break;
	case AUDIT_LESS_THAN:
		if (!v)
			s->n = 0;
		else
			idset_keep(s, 0, v - 1);
		break;
	case AUDIT_LESS_THAN_OR_EQUAL:
		idset_keep(s, 0, v);
		break;
	case AUDIT_GREATER_THAN:
		if (v == UID_MAX32)
			s->n = 0;
		else
			idset_keep(s, v + 1, UID_MAX32);
		break;
	case AUDIT_GREATER_THAN_OR_EQUAL:
		idset_keep(s, v, UID_MAX32);
		break;
	default:
		return REFUSE(a, "%s: c2audit takes =, !=, <, <=, >, >= on ids, not bit tests",
			      name);
	}
	return ACTL_OK;
}

/* The ids a rule allows as one range in or out, as the module has them. */
int idset_to_match(struct actl *a, const struct idset *s,
			  const char *name, struct c2a_idmatch *m)
{
	if (!s->used)
		return ACTL_OK;
	if (!s->n)
		return REFUSE(a, "the conditions on %s leave no id: the rule can never match",
			      name);
	if (s->n == 1 && !s->iv[0].lo && s->iv[0].hi == UID_MAX32)
		return ACTL_OK;
	if (s->n == 1) {
		*m = (struct c2a_idmatch){ C2A_IDOP_IN, s->iv[0].lo, s->iv[0].hi, 0 };
		return ACTL_OK;
	}
	if (s->n == 2 && !s->iv[0].lo && s->iv[1].hi == UID_MAX32) {
		*m = (struct c2a_idmatch){ C2A_IDOP_OUT, s->iv[0].hi + 1,
					   s->iv[1].lo - 1, 0 };
		return ACTL_OK;
	}
	return REFUSE(a, "the conditions on %s allow more than one range of ids",
		      name);
}

static const struct {
	int audit;
	unsigned char field;
} id_fields[] = {
	{ AUDIT_UID, C2A_ID_UID }, { AUDIT_EUID, C2A_ID_EUID },
	{ AUDIT_SUID, C2A_ID_SUID }, { AUDIT_FSUID, C2A_ID_FSUID },
	{ AUDIT_LOGINUID, C2A_ID_AUID }, { AUDIT_GID, C2A_ID_GID },
	{ AUDIT_EGID, C2A_ID_EGID }, { AUDIT_SGID, C2A_ID_SGID },
	{ AUDIT_FSGID, C2A_ID_FSGID },
};

static const struct {
	int cmp;
	unsigned char left, right;
} id_compares[] = {
	{ AUDIT_COMPARE_UID_TO_AUID, C2A_ID_UID, C2A_ID_AUID },
	{ AUDIT_COMPARE_UID_TO_EUID, C2A_ID_UID, C2A_ID_EUID },
	{ AUDIT_COMPARE_UID_TO_FSUID, C2A_ID_UID, C2A_ID_FSUID },
	{ AUDIT_COMPARE_UID_TO_SUID, C2A_ID_UID, C2A_ID_SUID },
	{ AUDIT_COMPARE_AUID_TO_FSUID, C2A_ID_AUID, C2A_ID_FSUID },
	{ AUDIT_COMPARE_AUID_TO_SUID, C2A_ID_AUID, C2A_ID_SUID },
	{ AUDIT_COMPARE_AUID_TO_EUID, C2A_ID_AUID, C2A_ID_EUID },
	{ AUDIT_COMPARE_EUID_TO_SUID, C2A_ID_EUID, C2A_ID_SUID },
	{ AUDIT_COMPARE_EUID_TO_FSUID, C2A_ID_EUID, C2A_ID_FSUID },
	{ AUDIT_COMPARE_SUID_TO_FSUID, C2A_ID_SUID, C2A_ID_FSUID },
	{ AUDIT_COMPARE_GID_TO_EGID, C2A_ID_GID, C2A_ID_EGID },
	{ AUDIT_COMPARE_GID_TO_FSGID, C2A_ID_GID, C2A_ID_FSGID },
	{ AUDIT_COMPARE_GID_TO_SGID, C2A_ID_GID, C2A_ID_SGID },
	{ AUDIT_COMPARE_EGID_TO_FSGID, C2A_ID_EGID, C2A_ID_FSGID },
	{ AUDIT_COMPARE_EGID_TO_SGID, C2A_ID_EGID, C2A_ID_SGID },
	{ AUDIT_COMPARE_SGID_TO_FSGID, C2A_ID_SGID, C2A_ID_FSGID },
};

static unsigned int cmp_op(__u32 op)
{
	switch (op) {
	case AUDIT_EQUAL: return C2A_CMP_EQ;
	case AUDIT_NOT_EQUAL: return C2A_CMP_NE;
	case AUDIT_LESS_THAN: return C2A_CMP_LT;
	case AUDIT_LESS_THAN_OR_EQUAL: return C2A_CMP_LE;
	case AUDIT_GREATER_THAN: return C2A_CMP_GT;
	case AUDIT_GREATER_THAN_OR_EQUAL: return C2A_CMP_GE;
	case AUDIT_BIT_MASK: return C2A_CMP_MASK;
	case AUDIT_BIT_TEST: return C2A_CMP_BITS;
	}
	return 0;
}

static int add_exit(struct actl *a, struct actl_out *o, __u32 op, __s32 v)
{
	struct c2a_rule *r = &o->r;
	unsigned int k = 0;

	if (op != AUDIT_EQUAL && op != AUDIT_NOT_EQUAL)
		return REFUSE(a, "exit: c2audit takes = and != on results");
	if (!r->exit_op) {
		r->exit_op = op == AUDIT_EQUAL ? C2A_IDOP_IN : C2A_IDOP_OUT;
		r->exits[r->nexits++] = v;
		return ACTL_OK;
	}
	if (r->exit_op == C2A_IDOP_OUT && op == AUDIT_NOT_EQUAL) {
		if (r->nexits == C2A_RULE_EXITS)
			return REFUSE(a, "exit: more than %d results", C2A_RULE_EXITS);
		r->exits[r->nexits++] = v;
		return ACTL_OK;
	}
	/* one of IN, and = or != another: what is left of the IN list */
	if (r->exit_op == C2A_IDOP_OUT) {
		bool out = false;

		for (unsigned int i = 0; i < r->nexits; i++)
			out |= r->exits[i] == v;
		memset(r->exits, 0, sizeof(r->exits));
		r->exit_op = C2A_IDOP_IN;
		r->nexits = !out;
		r->exits[0] = v;
	} else {
		for (unsigned int i = 0; i < r->nexits; i++)
			if ((r->exits[i] == v) == (op == AUDIT_EQUAL))
				r->exits[k++] = r->exits[i];
		for (unsigned int i = k; i < C2A_RULE_EXITS; i++)
			r->exits[i] = 0;
		r->nexits = k;
	}
	if (!r->nexits)
		return REFUSE(a, "the conditions on exit leave no result: the rule can never match");
	return ACTL_OK;
}

static char *take_str(struct actl *a, unsigned int *off, __u32 len)
{
	char *s = strndup(a->d->buf + *off, len);

	if (!s)
		fatal("out of memory");
	*off += len;
	return s;
}

/*
 * As Linux audit takes a path at load: absolute; a file's (path=, exe=)
 * not ending in '/'; a directory's (dir=) with its trailing '/' dropped.
 */
static int check_path(struct actl *a, const char *name, char *p, bool dir)
{
	size_t n = strlen(p);

	if (p[0] != '/')
		return ERROR(a, "%s=%s: the kernel takes an absolute path", name, p);
	if (dir) {
		while (n > 1 && p[n - 1] == '/')
			p[--n] = '\0';
	} else if (n > 1 && p[n - 1] == '/') {
		return ERROR(a, "%s=%s: the kernel takes no '/' at the end of a file's path",
			     name, p);
	}
	return ACTL_OK;
}

int actl_take_fields(struct actl *a, struct actl_out *o)
{
	struct c2a_rule *r = &o->r;
	unsigned int off = 0;
	int ret = ACTL_OK;

	for (unsigned int i = 0; i < a->d->field_count && !ret; i++) {
		__u32 f = a->d->fields[i], op = a->d->fieldflags[i];
		__u32 v = a->d->values[i];
		const char *name = audit_field_to_name(f);
		size_t k;

		name = name ? name : "?";
		for (k = 0; k < ARRAY_SIZE(id_fields); k++)
			if (id_fields[k].audit == (int)f)
				break;
		if (k < ARRAY_SIZE(id_fields)) {
			ret = idset_add(a, &o->ids[id_fields[k].field], name, op, v);
			continue;
		}
		switch (f) {
		case AUDIT_ARCH:
			o->arch_elf = v;
			o->arch_not = op == AUDIT_NOT_EQUAL;
			break;
		case AUDIT_PID:
		case AUDIT_PPID:
			if (op != AUDIT_EQUAL || !v || v > INT32_MAX)
				ret = REFUSE(a, "%s: c2audit takes one process id (=)", name);
			else if (f == AUDIT_PID)
				r->pid = v;
			else
				r->ppid = v;
			break;
		case AUDIT_EXIT:
			ret = add_exit(a, o, op, (__s32)v);
			break;
		case AUDIT_SUCCESS:
			if (op != AUDIT_EQUAL && op != AUDIT_NOT_EQUAL)
				ret = REFUSE(a, "success: only = and !=");
			else if (r->outcome)
				ret = REFUSE(a, "success is given twice");
			else
				r->outcome = (!!v == (op == AUDIT_EQUAL)) ?
					     C2A_OUTCOME_SUCCESS : C2A_OUTCOME_FAILURE;
			break;
		case AUDIT_PERM:
			r->perm = v;
			break;
		case AUDIT_ARG0:
		case AUDIT_ARG1:
		case AUDIT_ARG2:
		case AUDIT_ARG3:
			if (r->args[f - AUDIT_ARG0].op)
				ret = REFUSE(a, "%s: c2audit takes one condition per argument", name);
			r->args[f - AUDIT_ARG0] = (struct c2a_argmatch){ cmp_op(op), v };
			break;
		case AUDIT_WATCH:
		case AUDIT_DIR:
			if (o->path)
				ret = REFUSE(a, "more than one path or dir");
			free(o->path);
			o->path = take_str(a, &off, v);
			if (!ret)
				ret = check_path(a, name, o->path, f == AUDIT_DIR);
			if (!ret && op != AUDIT_EQUAL)
				ret = REFUSE(a, "%s!=: c2audit's paths select, they do not except", name);
			if (f == AUDIT_WATCH)
				r->rflags |= C2A_RULEF_PATH_EXACT;
			break;
		case AUDIT_EXE:
			free(o->exe);
			o->exe = take_str(a, &off, v);
			ret = check_path(a, name, o->exe, false);
			if (!ret && op != AUDIT_EQUAL)
				ret = REFUSE(a, "exe!=: c2audit's exe= selects, it does not except");
			break;
		case AUDIT_FIELD_COMPARE: {
			unsigned int c, j;

			for (c = 0; c < ARRAY_SIZE(id_compares); c++)
				if (id_compares[c].cmp == (int)v)
					break;
			for (j = 0; j < C2A_RULE_CMPS && r->cmp[j].op; j++)
				;
			if (c == ARRAY_SIZE(id_compares))
				ret = REFUSE(a, "-C: c2audit compares the caller's ids with each other, not with the object's owner");
			else if (j == C2A_RULE_CMPS)
				ret = REFUSE(a, "-C: more than %d comparisons", C2A_RULE_CMPS);
			else
				r->cmp[j] = (struct c2a_fieldcmp){
					id_compares[c].left, id_compares[c].right,
					cmp_op(op) };
			break;
		}
		case AUDIT_SUBJ_USER ... AUDIT_SUBJ_CLR:
		case AUDIT_OBJ_USER ... AUDIT_OBJ_LEV_HIGH:
		case AUDIT_FILTERKEY:
			off += v;
			/* fallthrough */
		default:
			ret = REFUSE(a, "-F %s: c2audit rules have no such condition", name);
			break;
		}
	}
	return ret;
}

