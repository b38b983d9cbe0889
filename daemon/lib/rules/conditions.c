// SPDX-License-Identifier: GPL-2.0
/*
 * The conditions Linux audit's rules brought to the rules file's grammar
 * (C2A_RULE_SIZE_VER1): more ids, comparisons between them, results,
 * arguments, the access class, an exact object, i386 call numbers.
 * Errno and i386 call names are libaudit's, as auditctl's.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libaudit.h>

#include "array_size.h"
#include "conditions.h"
#include "log.h"

static const char *const cmp_ops[] = {
	[C2A_CMP_EQ] = "=", [C2A_CMP_NE] = "!=", [C2A_CMP_LT] = "<",
	[C2A_CMP_LE] = "<=", [C2A_CMP_GT] = ">", [C2A_CMP_GE] = ">=",
	[C2A_CMP_MASK] = "&", [C2A_CMP_BITS] = "&=",
};

static const char *const id_names[C2A_ID_COUNT] = {
	[C2A_ID_UID] = "uid", [C2A_ID_EUID] = "euid", [C2A_ID_SUID] = "suid",
	[C2A_ID_FSUID] = "fsuid", [C2A_ID_AUID] = "auid",
	[C2A_ID_GID] = "gid", [C2A_ID_EGID] = "egid", [C2A_ID_SGID] = "sgid",
	[C2A_ID_FSGID] = "fsgid",
};

int cond_id_field(const char *name)
{
	for (int i = 1; i < C2A_ID_COUNT; i++)
		if (!strcmp(name, id_names[i]))
			return i;
	return 0;
}

const char *cond_id_name(unsigned int field)
{
	return field && field < C2A_ID_COUNT ? id_names[field] : NULL;
}

struct c2a_idmatch *cond_idmatch(struct c2a_rule *r, unsigned int field)
{
	switch (field) {
	case C2A_ID_UID: return &r->uid;
	case C2A_ID_EUID: return &r->euid;
	case C2A_ID_SUID: return &r->suid;
	case C2A_ID_FSUID: return &r->fsuid;
	case C2A_ID_AUID: return &r->auid;
	case C2A_ID_GID: return &r->gid;
	case C2A_ID_EGID: return &r->egid;
	case C2A_ID_SGID: return &r->sgid;
	case C2A_ID_FSGID: return &r->fsgid;
	}
	return NULL;
}

/* The operator at the start of @s, longest first; its length in @len. */
int cond_op(const char *s, size_t *len)
{
	static const unsigned int order[] = {
		C2A_CMP_NE, C2A_CMP_LE, C2A_CMP_GE, C2A_CMP_BITS, C2A_CMP_EQ,
		C2A_CMP_LT, C2A_CMP_GT, C2A_CMP_MASK,
	};

	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		size_t n = strlen(cmp_ops[order[i]]);

		if (!strncmp(s, cmp_ops[order[i]], n)) {
			*len = n;
			return order[i];
		}
	}
	return 0;
}

const char *cond_op_word(unsigned int op)
{
	return op && op < ARRAY_SIZE(cmp_ops) ? cmp_ops[op] : "?";
}

static bool parse_u32(const char *s, __u32 *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 0);
	if (errno || end == s || *end || v < INT_MIN || v > UINT_MAX)
		return false;
	*out = (__u32)v;
	return true;
}

/* a0..a3 with any of auditctl's operators: "a1&0100", "a0=4". */
bool cond_parse_arg(struct c2a_rule *r, const char *word, char *err,
		    size_t len)
{
	unsigned int i = word[1] - '0';
	size_t oplen;
	int op = cond_op(word + 2, &oplen);

	if (!op)
		return log_errmsg(err, len, "'%s': expected a0..a3 with =, !=, <, <=, >, >=, & or &=",
				  word);
	if (r->args[i].op)
		return log_errmsg(err, len, "'a%u' is given twice", i);
	if (!parse_u32(word + 2 + oplen, &r->args[i].val))
		return log_errmsg(err, len, "'%s': expected a number (0x.. and 0.. as in C)",
				  word);
	r->args[i].op = op;
	return true;
}

/* cmp=uid!=euid */
bool cond_parse_cmp(struct c2a_rule *r, char *v, char *err, size_t len)
{
	unsigned int i;
	size_t oplen = 0;
	char *opat = strpbrk(v, "!=");
	int op = opat ? cond_op(opat, &oplen) : 0, left, right;

	for (i = 0; i < C2A_RULE_CMPS && r->cmp[i].op; i++)
		;
	if (i == C2A_RULE_CMPS)
		return log_errmsg(err, len, "more than %d comparisons", C2A_RULE_CMPS);
	if (op != C2A_CMP_EQ && op != C2A_CMP_NE)
		return log_errmsg(err, len, "'cmp=%s': expected ID=ID or ID!=ID", v);
	*opat = '\0';
	left = cond_id_field(v);
	right = cond_id_field(opat + oplen);
	if (!left || !right || (left >= C2A_ID_GID) != (right >= C2A_ID_GID))
		return log_errmsg(err, len, "'cmp=%s%s%s': compares two uids (uid euid suid fsuid auid) or two gids (gid egid sgid fsgid)",
				  v, cond_op_word(op), opat + oplen);
	r->cmp[i] = (struct c2a_fieldcmp){ .left = left, .right = right, .op = op };
	return true;
}

/* -EACCES, -13, 0, 5: a result as the call returns it. */
static bool parse_result(const char *s, __s32 *out)
{
	const char *name = s[0] == '-' ? s + 1 : s;
	int e;

	if (isupper((unsigned char)*name)) {
		e = audit_name_to_errno(name);
		if (e <= 0)
			return false;
		*out = s[0] == '-' ? -e : e;
		return true;
	}
	return parse_u32(s, (__u32 *)out);
}

/* exit=-EACCES,-EPERM (one of them) or exit!=... (none of them) */
bool cond_parse_exit(struct c2a_rule *r, bool negate, char *v, char *err,
		     size_t len)
{
	char *save = NULL;

	if (r->exit_op)
		return log_errmsg(err, len, "'exit' is given twice");
	for (char *e = strtok_r(v, ",", &save); e; e = strtok_r(NULL, ",", &save)) {
		if (r->nexits == C2A_RULE_EXITS)
			return log_errmsg(err, len, "'exit': more than %d results",
					  C2A_RULE_EXITS);
		if (!parse_result(e, &r->exits[r->nexits++]))
			return log_errmsg(err, len, "'%s': expected a result: -ENAME (as -EACCES), or a number",
					  e);
	}
	r->exit_op = negate ? C2A_IDOP_OUT : C2A_IDOP_IN;
	return true;
}

bool cond_parse_perm(struct c2a_rule *r, const char *v, char *err, size_t len)
{
	if (r->perm)
		return log_errmsg(err, len, "'perm' is given twice");
	for (const char *p = v; *p; p++) {
		const char *at = strchr("xwra", *p);

		if (!at)
			return log_errmsg(err, len, "'perm=%s': expected letters of r, w, x, a", v);
		r->perm |= 1u << (at - "xwra");
	}
	return true;
}

/* i386=chown,chown32,212: the i386 calls, by name or number. */
bool cond_parse_i386(struct c2a_rule *r, char *v, char *err, size_t len)
{
	char *save = NULL;

	for (char *s = strtok_r(v, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		int nr = audit_name_to_syscall(s, MACH_X86);
		__u32 n;

		if (nr < 0 && parse_u32(s, &n))
			nr = n;
		if (nr < 0 || nr >= C2A_NR32_WORDS * 64)
			return log_errmsg(err, len, "'%s' is not an i386 call", s);
		r->nr32[nr / 64] |= 1ULL << (nr % 64);
	}
	r->rflags |= C2A_RULEF_NR32;
	return true;
}

static void put_result(struct buf *out, __s32 v)
{
	const char *name = v < 0 ? audit_errno_to_name(-v) : NULL;

	if (name)
		buf_printf(out, "-%s", name);
	else
		buf_printf(out, "%d", v);
}

void cond_format(const struct c2a_rule *r, struct buf *out)
{
	for (unsigned int i = 0; i < C2A_RULE_CMPS && r->cmp[i].op; i++)
		buf_printf(out, " cmp=%s%s%s", id_names[r->cmp[i].left],
			   cond_op_word(r->cmp[i].op), id_names[r->cmp[i].right]);
	for (unsigned int i = 0; i < r->nexits; i++) {
		buf_adds(out, i ? "," : r->exit_op == C2A_IDOP_OUT ? " exit!=" :
			 " exit=");
		put_result(out, r->exits[i]);
	}
	for (unsigned int i = 0; i < C2A_RULE_ARGS; i++)
		if (r->args[i].op)
			buf_printf(out, " a%u%s%#x", i, cond_op_word(r->args[i].op),
				   r->args[i].val);
	if (r->perm)
		buf_printf(out, " perm=%s%s%s%s",
			   r->perm & C2A_PERM_READ ? "r" : "",
			   r->perm & C2A_PERM_WRITE ? "w" : "",
			   r->perm & C2A_PERM_EXEC ? "x" : "",
			   r->perm & C2A_PERM_ATTR ? "a" : "");
	if (!(r->rflags & C2A_RULEF_NR32))
		return;
	const char *sep = " i386=";

	for (unsigned int nr = 0; nr < C2A_NR32_WORDS * 64; nr++) {
		const char *name;

		if (!(r->nr32[nr / 64] & (1ULL << (nr % 64))))
			continue;
		name = audit_syscall_to_name(nr, MACH_X86);
		if (name)
			buf_printf(out, "%s%s", sep, name);
		else
			buf_printf(out, "%s%u", sep, nr);
		sep = ",";
	}
}
