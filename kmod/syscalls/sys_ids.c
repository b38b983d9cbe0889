// SPDX-License-Identifier: GPL-2.0
/*
 * Audited identity syscalls. The subject of their records is who the task
 * is after the call; the object holds the ids before and after, so who
 * became whom is in one record.
 */
#include <linux/cred.h>
#include <linux/uidgid.h>

#include "capture.h"
#include "hooks.h"
#include "subject.h"

static bool c2a_is_gid_call(u16 sysid)
{
	switch (sysid) {
	case C2A_SYS_setgid:
	case C2A_SYS_setregid:
	case C2A_SYS_setresgid:
	case C2A_SYS_setfsgid:
	case C2A_SYS_setgroups:
		return true;
	}
	return false;
}

/* real, effective, saved and filesystem uid (or gid) */
static void c2a_cred_ids(const struct cred *c, bool gids, u32 ids[4])
{
	if (gids) {
		ids[0] = c2a_gid(c->gid);
		ids[1] = c2a_gid(c->egid);
		ids[2] = c2a_gid(c->sgid);
		ids[3] = c2a_gid(c->fsgid);
	} else {
		ids[0] = c2a_uid(c->uid);
		ids[1] = c2a_uid(c->euid);
		ids[2] = c2a_uid(c->suid);
		ids[3] = c2a_uid(c->fsuid);
	}
}

static bool c2a_ids_at_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	c2a_cred_ids(current_cred(), c2a_is_gid_call(e->sysid), e->before);
	return true;
}

static void c2a_capture_ids(struct c2a_capture *cap, struct c2a_builder *b)
{
	struct c2a_object *o = &cap->rec.ev.u.sys.obj;

	memcpy(o->ids.before, cap->e.before, sizeof(o->ids.before));
	c2a_cred_ids(current_cred(), c2a_is_gid_call(cap->e.sysid),
		     o->ids.after);
}

static void c2a_capture_caps(struct c2a_capture *cap, struct c2a_builder *b)
{
	const struct cred *c = current_cred();
	struct c2a_object *o = &cap->rec.ev.u.sys.obj;

	o->caps.effective = c2a_cap_u64(c->cap_effective);
	o->caps.permitted = c2a_cap_u64(c->cap_permitted);
	o->caps.inheritable = c2a_cap_u64(c->cap_inheritable);
}

/* i386 has a 16-bit and a 32-bit entry for each */
#define IDS(call)							\
	{ .sysid = C2A_SYS_##call,					\
	  .entry = { C2A_X64(call), C2A_IA32(call##16), C2A_IA32(call) }, \
	  .at_entry = c2a_ids_at_entry, .capture = c2a_capture_ids }

static const struct c2a_sysdesc c2a_ids[] = {
	IDS(setuid), IDS(setgid), IDS(setreuid), IDS(setregid),
	IDS(setresuid), IDS(setresgid), IDS(setfsuid), IDS(setfsgid),
	IDS(setgroups),
	{ .sysid = C2A_SYS_capset, .entry = C2A_BOTH(capset),
	  .capture = c2a_capture_caps },
};

const struct c2a_systable c2a_sys_ids = { c2a_ids, ARRAY_SIZE(c2a_ids) };
