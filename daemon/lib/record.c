// SPDX-License-Identifier: GPL-2.0
/* Records from /dev/audit or a trail: validation, names, reassembly. */
#include <stdlib.h>
#include <string.h>

#include "array_size.h"
#include "record.h"

#define SYS_NAME(name) #name,
static const char *const sys_names[C2A_SYS_COUNT] = {
	"none",
	C2A_SYSCALLS(SYS_NAME)
};
#undef SYS_NAME

static const char *const str_names[] = {
	[C2A_STR_NONE] = "none",
	[C2A_STR_EXE] = "exe",
	[C2A_STR_PATH] = "path",
	[C2A_STR_NAME] = "name",
	[C2A_STR_PATH2] = "path2",
	[C2A_STR_NAME2] = "name2",
	[C2A_STR_ARGV] = "argv",
	[C2A_STR_SOCKPATH] = "sockpath",
	[C2A_STR_MODULE] = "module",
	[C2A_STR_LIBRARY] = "library",
	[C2A_STR_FUNCTION] = "function",
	[C2A_STR_DENTRY] = "dentry",
	[C2A_STR_RULE] = "rule",
	[C2A_STR_HOSTNAME] = "hostname",
	[C2A_STR_XATTR] = "xattr",
	[C2A_STR_FSTYPE] = "fstype",
	[C2A_STR_DENTRY2] = "dentry2",
	[C2A_STR_FSPARAM] = "fsparam",
	[C2A_STR_FSVALUE] = "fsvalue",
	[C2A_STR_RAW] = "raw",
};

#define LSM_NAME(name) #name,
static const char *const lsm_names[C2A_LSM_COUNT] = {
	"none",
	C2A_LSM_HOOKS(LSM_NAME)
};
#undef LSM_NAME

/* Linux's NR_CPUS tops out at 8192; anything far beyond is corruption. */
#define EVT_MAX_CPUS 65536

const char *sys_name(unsigned int sysid)
{
	return sysid < C2A_SYS_COUNT ? sys_names[sysid] : NULL;
}

int sys_lookup(const char *name)
{
	for (unsigned int i = 1; i < C2A_SYS_COUNT; i++)
		if (!strcmp(sys_names[i], name))
			return i;
	return -1;
}

const char *lsm_hook_name(unsigned int hook)
{
	return hook && hook < C2A_LSM_COUNT ? lsm_names[hook] : NULL;
}

int lsm_hook_lookup(const char *name)
{
	for (unsigned int i = 1; i < C2A_LSM_COUNT; i++)
		if (!strcmp(lsm_names[i], name))
			return i;
	return -1;
}

const char *str_type_name(unsigned int type)
{
	return type < ARRAY_SIZE(str_names) && str_names[type] ?
	       str_names[type] : NULL;
}

static bool is_event_type(unsigned int type)
{
	return type == C2A_REC_SYSCALL || type == C2A_REC_CONFIG ||
	       type == C2A_REC_LSM || type == C2A_REC_UPROBE ||
	       type == C2A_REC_USER;
}

static const char *event_check(const struct c2a_record *rec)
{
	unsigned int inl = 0, i;

	for (i = 0; i < C2A_STR_SLOTS && rec->ev.str[i].type; i++) {
		const struct c2a_strref *s = &rec->ev.str[i];

		if (!str_type_name(s->type))
			return "unknown string type";
		if (s->len > C2A_STR_MAX)
			return "string length out of range";
		if (s->inl > s->len)
			return "string longer inline than in whole";
		inl += s->inl;
	}
	if (inl > C2A_EVENT_TEXT)
		return "inline strings overflow the record";
	if (rec->hdr.part != 0 || rec->hdr.nparts == 0)
		return "bad part numbers";
	return NULL;
}

/* NULL when the record is well-formed, else what is wrong with it. */
const char *record_check(const struct c2a_record *rec)
{
	if (rec->hdr.version != C2A_ABI_VERSION)
		return "unsupported ABI version";
	if (rec->hdr.size != C2A_RECORD_SIZE)
		return "bad record size";
	if (rec->hdr.cpu >= EVT_MAX_CPUS)
		return "cpu number out of range";
	if (is_event_type(rec->hdr.type))
		return event_check(rec);
	switch (rec->hdr.type) {
	case C2A_REC_LOSS:
		return rec->hdr.nparts == 1 ? NULL : "bad part numbers";
	case C2A_REC_CONT:
		if (rec->hdr.part == 0 || rec->hdr.part >= rec->hdr.nparts)
			return "bad part numbers";
		if (rec->cont.len > C2A_CONT_DATA)
			return "continuation longer than its record";
		return NULL;
	}
	return "unknown record type";
}

const struct evt_str *evt_find_str(const struct evt *ev, unsigned int type)
{
	for (unsigned int i = 0; i < ev->nstr; i++)
		if (ev->str[i].type == type)
			return &ev->str[i];
	return NULL;
}

void evt_free(struct evt *ev)
{
	if (!ev)
		return;
	for (unsigned int i = 0; i < ev->nstr; i++)
		free(ev->str[i].data);
	free(ev);
}

/* A copy of @ev that lives until evt_free(); NULL when out of memory. */
struct evt *evt_copy(const struct evt *ev)
{
	struct evt *c = malloc(sizeof(*c));

	if (!c)
		return NULL;
	*c = *ev;
	for (unsigned int i = 0; i < ev->nstr; i++) {
		c->str[i].data = malloc((size_t)ev->str[i].len + 1);
		if (!c->str[i].data) {
			c->nstr = i;
			evt_free(c);
			return NULL;
		}
		memcpy(c->str[i].data, ev->str[i].data, (size_t)ev->str[i].len + 1);
	}
	return c;
}

/* Makes an event of a head record, with the inline parts of its strings. */
static struct evt *evt_new(const struct c2a_record *rec)
{
	struct evt *ev = calloc(1, sizeof(*ev));
	unsigned int off = 0;

	if (!ev)
		return NULL;
	ev->rec = *rec;
	ev->parts_seen = 1;
	if (!is_event_type(rec->hdr.type))
		return ev;
	for (unsigned int i = 0; i < C2A_STR_SLOTS && rec->ev.str[i].type; i++) {
		const struct c2a_strref *ref = &rec->ev.str[i];
		struct evt_str *s = &ev->str[ev->nstr++];

		s->type = ref->type;
		s->flags = ref->flags;
		s->len = ref->len;
		s->have = ref->inl;
		s->data = calloc(1, (size_t)ref->len + 1);
		if (!s->data) {
			evt_free(ev);
			return NULL;
		}
		memcpy(s->data, rec->ev.text + off, ref->inl);
		off += ref->inl;
	}
	return ev;
}

static bool evt_add_cont(struct evt *ev, const struct c2a_record *rec)
{
	const struct c2a_cont *c = &rec->cont;

	for (unsigned int i = 0; i < ev->nstr; i++) {
		struct evt_str *s = &ev->str[i];

		if (s->type != c->strtype)
			continue;
		if (c->offset > s->len || c->len > s->len - c->offset)
			return false;
		memcpy(s->data + c->offset, c->data, c->len);
		/*
		 * Not += c->len: a continuation may repeat bytes already had
		 * (inline, or in another continuation), and have must not
		 * grow past the string.
		 */
		if (c->offset + c->len > s->have)
			s->have = c->offset + c->len;
		return true;
	}
	return false;
}

static bool evt_complete(const struct evt *ev)
{
	return ev->parts_seen == ev->rec.hdr.nparts;
}

void evt_asm_init(struct evt_asm *a, evt_fn emit, void *ctx)
{
	memset(a, 0, sizeof(*a));
	a->emit = emit;
	a->ctx = ctx;
}

static struct evt **evt_asm_slot(struct evt_asm *a, uint32_t cpu)
{
	/* c2auditd's stream: not the 65536th of an array of CPUs */
	if (cpu == C2A_USER_CPU)
		return &a->user;
	if (cpu >= a->ncpus) {
		size_t n = cpu + 1;
		struct evt **p = realloc(a->pending, n * sizeof(*p));

		if (!p)
			return NULL;
		memset(p + a->ncpus, 0, (n - a->ncpus) * sizeof(*p));
		a->pending = p;
		a->ncpus = n;
	}
	return &a->pending[cpu];
}

static void evt_asm_emit(struct evt_asm *a, struct evt **slot)
{
	struct evt *ev = *slot;

	*slot = NULL;
	ev->incomplete = !evt_complete(ev);
	a->emit(ev, a->ctx);
	evt_free(ev);
}

void evt_asm_feed(struct evt_asm *a, const struct c2a_record *rec)
{
	struct evt **slot;

	if (record_check(rec)) {
		a->invalid++;
		return;
	}
	slot = evt_asm_slot(a, rec->hdr.cpu);
	if (!slot)
		return;
	if (rec->hdr.type == C2A_REC_CONT) {
		struct evt *ev = *slot;

		if (!ev || rec->cont.head_seq != ev->rec.hdr.seq ||
		    rec->hdr.seq != ev->rec.hdr.seq + rec->hdr.part ||
		    !evt_add_cont(ev, rec)) {
			a->orphans++;
			return;
		}
		ev->parts_seen++;
		ev->damaged |= a->damaged;
		if (evt_complete(ev))
			evt_asm_emit(a, slot);
		return;
	}
	if (*slot)
		evt_asm_emit(a, slot);
	*slot = evt_new(rec);
	if (*slot)
		(*slot)->damaged = a->damaged;
	if (*slot && evt_complete(*slot))
		evt_asm_emit(a, slot);
}

/* Emits what is still waiting for continuations, as incomplete events. */
void evt_asm_flush(struct evt_asm *a)
{
	for (size_t i = 0; i < a->ncpus; i++)
		if (a->pending[i])
			evt_asm_emit(a, &a->pending[i]);
	if (a->user)
		evt_asm_emit(a, &a->user);
}

void evt_asm_free(struct evt_asm *a)
{
	for (size_t i = 0; i < a->ncpus; i++)
		evt_free(a->pending[i]);
	free(a->pending);
	a->pending = NULL;
	a->ncpus = 0;
	evt_free(a->user);
	a->user = NULL;
}
