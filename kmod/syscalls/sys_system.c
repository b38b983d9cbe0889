// SPDX-License-Identifier: GPL-2.0
/*
 * Audited kernel and system syscalls: modules, kexec, bpf, perf, reboot,
 * names, time, io_uring set-up.
 */
#include <linux/compat.h>
#include <linux/elf.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kexec.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/time64.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

#include "capture.h"
#include "hooks.h"
#include "paths.h"

/* .modinfo is a few KiB; more is not a module we need to read. */
#define C2A_MODINFO_MAX		(64 * 1024)

/* A module image, in the caller's memory (init_module) or a file (finit_module). */
struct c2a_image {
	const void __user *mem;
	struct file *file;
	u64 size;
};

static int c2a_image_read(const struct c2a_image *img, void *dst, u64 len,
			  u64 off)
{
	loff_t pos = off;

	if (off > img->size || len > img->size - off)
		return -EINVAL;
	if (img->file)
		return kernel_read(img->file, dst, len, &pos) == len ? 0 : -EIO;
	return copy_from_user(dst, img->mem + off, len) ? -EFAULT : 0;
}

/* The section header named @want, found through the section name table. */
static int c2a_elf_section(const struct c2a_image *img, const Elf64_Ehdr *eh,
			   const char *want, Elf64_Shdr *out)
{
	size_t wlen = strlen(want) + 1;
	Elf64_Shdr names;
	char name[16];
	unsigned int i;

	if (wlen > sizeof(name) ||
	    c2a_image_read(img, &names, sizeof(names),
			   eh->e_shoff + (u64)eh->e_shstrndx * sizeof(names)))
		return -EINVAL;
	for (i = 0; i < eh->e_shnum; i++) {
		if (c2a_image_read(img, out, sizeof(*out),
				   eh->e_shoff + (u64)i * sizeof(*out)) ||
		    out->sh_name >= names.sh_size ||
		    c2a_image_read(img, name, wlen, names.sh_offset + out->sh_name))
			continue;
		if (!memcmp(name, want, wlen))
			return 0;
	}
	return -ENOENT;
}

/* Finds "name=" among the NUL-separated strings of .modinfo. */
static const char *c2a_modinfo_name(const char *info, u64 len)
{
	const char *p = info, *end = info + len;

	while (p < end) {
		const char *nul = memchr(p, '\0', end - p);

		if (!nul)
			break;
		if (nul - p > 5 && !memcmp(p, "name=", 5))
			return p + 5;
		p = nul + 1;
	}
	return NULL;
}

/* Adds the module's name as its .modinfo gives it; every read is bounded. */
static void c2a_add_module_name(struct c2a_builder *b,
				const struct c2a_image *img)
{
	const char *name;
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	char *info;

	if (c2a_image_read(img, &eh, sizeof(eh), 0) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shstrndx >= eh.e_shnum ||
	    c2a_elf_section(img, &eh, ".modinfo", &sh) ||
	    !sh.sh_size || sh.sh_size > C2A_MODINFO_MAX)
		return;
	info = kvmalloc(sh.sh_size + 1, GFP_KERNEL);
	if (!info)
		return;
	info[sh.sh_size] = '\0';
	if (!c2a_image_read(img, info, sh.sh_size, sh.sh_offset)) {
		name = c2a_modinfo_name(info, sh.sh_size);
		if (name)
			c2a_builder_add(b, C2A_STR_MODULE, name,
					strnlen(name, MODULE_NAME_LEN), 0);
	}
	kvfree(info);
}

static void c2a_capture_init_module(struct c2a_capture *cap,
				    struct c2a_builder *b)
{
	struct c2a_image img = {
		.mem = (const void __user *)cap->e.args[0],
		.size = cap->e.args[1],
	};

	c2a_add_module_name(b, &img);
}

static void c2a_capture_finit_module(struct c2a_capture *cap,
				     struct c2a_builder *b)
{
	struct c2a_image img = { .file = cap->file };

	c2a_capture_objects(cap, b);
	if (!cap->file)
		return;
	img.size = i_size_read(file_inode(cap->file));
	c2a_add_module_name(b, &img);
}

/* sethostname(name, len): the name is not NUL-terminated. */
static void c2a_capture_uts_name(struct c2a_capture *cap,
				 struct c2a_builder *b)
{
	size_t len = min_t(unsigned long, cap->e.args[1], __NEW_UTS_LEN);
	char *buf = c2a_builder_buf(b);

	if (!buf)
		return;
	if (copy_from_user(buf, (const void __user *)cap->e.args[0], len)) {
		b->rec->hdr.flags |= C2A_RF_NOUSER;
		return;
	}
	c2a_builder_add(b, C2A_STR_HOSTNAME, buf, len, 0);
}

/* The time a settimeofday, clock_settime or stime asked for. */
static void c2a_capture_time(struct c2a_capture *cap, struct c2a_builder *b)
{
	struct c2a_object *o = &cap->rec.ev.u.sys.obj;
	bool is32 = cap->e.variant & C2A_V_TIME32;
	const void __user *up;
	struct timespec64 ts;
	int err;

	if (cap->e.sysid == C2A_SYS_stime) {
		old_time32_t t32;

		up = (const void __user *)cap->e.args[0];
		o->time.clock = CLOCK_REALTIME;
		err = get_user(t32, (const old_time32_t __user *)up);
		ts.tv_sec = t32;
		ts.tv_nsec = 0;
	} else if (cap->e.sysid == C2A_SYS_settimeofday) {
		struct old_timeval32 tv32;
		struct __kernel_old_timeval tv;

		up = (const void __user *)cap->e.args[0];
		o->time.clock = CLOCK_REALTIME;
		if (!up)
			return;
		if (is32) {
			err = copy_from_user(&tv32, up, sizeof(tv32));
			ts.tv_sec = tv32.tv_sec;
			ts.tv_nsec = (long)tv32.tv_usec * NSEC_PER_USEC;
		} else {
			err = copy_from_user(&tv, up, sizeof(tv));
			ts.tv_sec = tv.tv_sec;
			ts.tv_nsec = tv.tv_usec * NSEC_PER_USEC;
		}
	} else {
		up = (const void __user *)cap->e.args[1];
		o->time.clock = cap->e.args[0];
		err = is32 ? get_old_timespec32(&ts, up) : get_timespec64(&ts, up);
	}
	if (err) {
		b->rec->hdr.flags |= C2A_RF_NOUSER;
		return;
	}
	o->time.sec = ts.tv_sec;
	o->time.nsec = ts.tv_nsec;
}

/* clock_adjtime, like adjtimex: the clock; the rest is in the arguments. */
static void c2a_capture_clock(struct c2a_capture *cap, struct c2a_builder *b)
{
	cap->rec.ev.u.sys.obj.time.clock = cap->e.args[0];
}

/*
 * kexec_file_load(kernel_fd, initrd_fd, cmdline_len, cmdline, flags): the
 * kernel's file (path) and the initrd's (path2), which the call read
 * unless it only unloads, looked up again after the call.
 */
static void c2a_at_return_kexec(struct c2a_capture *cap)
{
	if (!(cap->e.args[4] & KEXEC_FILE_UNLOAD))
		cap->file = fget(cap->e.args[0]);
}

static void c2a_capture_kexec_file(struct c2a_capture *cap,
				   struct c2a_builder *b)
{
	struct file *initrd;

	c2a_capture_objects(cap, b);
	if (cap->e.args[4] & (KEXEC_FILE_UNLOAD | KEXEC_FILE_NO_INITRAMFS))
		return;
	initrd = fget(cap->e.args[1]);
	if (!initrd)
		return;
	c2a_add_path(b, C2A_STR_PATH2, &initrd->f_path);
	fput(initrd);
}

#define ARGS(call)							\
	{ .sysid = C2A_SYS_##call, .entry = C2A_BOTH(call) }
#define IA32_TIME32(name)						\
	{ "__ia32_sys_" #name, C2A_ARCH_I386, C2A_V_TIME32 }

static const struct c2a_sysdesc c2a_system[] = {
	{ .sysid = C2A_SYS_init_module, .entry = C2A_BOTH(init_module),
	  .capture = c2a_capture_init_module },
	{ .sysid = C2A_SYS_finit_module, .entry = C2A_BOTH(finit_module),
	  .fd = C2A_A0, .at_return = c2a_at_return_fd,
	  .capture = c2a_capture_finit_module },
	{ .sysid = C2A_SYS_delete_module, .entry = C2A_BOTH(delete_module),
	  .str = C2A_A0, .str_type = C2A_STR_MODULE },
	ARGS(bpf),
	ARGS(perf_event_open),
	ARGS(reboot),
	{ .sysid = C2A_SYS_sethostname, .entry = C2A_BOTH(sethostname),
	  .capture = c2a_capture_uts_name },
	{ .sysid = C2A_SYS_setdomainname, .entry = C2A_BOTH(setdomainname),
	  .capture = c2a_capture_uts_name },
	{ .sysid = C2A_SYS_settimeofday,
	  .entry = { C2A_X64(settimeofday),
		     { "__ia32_compat_sys_settimeofday", C2A_ARCH_I386,
		       C2A_V_TIME32 } },
	  .capture = c2a_capture_time },
	{ .sysid = C2A_SYS_clock_settime,
	  .entry = { C2A_X64(clock_settime), IA32_TIME32(clock_settime32),
		     C2A_IA32(clock_settime) },
	  .capture = c2a_capture_time },
	{ .sysid = C2A_SYS_adjtimex,
	  .entry = { C2A_X64(adjtimex), C2A_IA32(adjtimex_time32) } },
	ARGS(io_uring_setup),
	/* two entry points on i386: the 32-bit timex and the 64-bit one */
	{ .sysid = C2A_SYS_clock_adjtime,
	  .entry = { C2A_X64(clock_adjtime), C2A_IA32(clock_adjtime32),
		     C2A_IA32(clock_adjtime) },
	  .capture = c2a_capture_clock },
	/* i386 only: the time in seconds, a 32-bit time_t */
	{ .sysid = C2A_SYS_stime, .entry = { C2A_IA32(stime32) },
	  .capture = c2a_capture_time },
	/* the segments are in the caller's memory: the arguments say where */
	{ .sysid = C2A_SYS_kexec_load,
	  .entry = { C2A_X64(kexec_load), C2A_IA32C(kexec_load),
		     C2A_X32C(kexec_load) } },
	/* 64-bit only */
	{ .sysid = C2A_SYS_kexec_file_load,
	  .entry = { C2A_X64(kexec_file_load) },
	  .at_return = c2a_at_return_kexec, .capture = c2a_capture_kexec_file },
};

const struct c2a_systable c2a_sys_system = {
	c2a_system, ARRAY_SIZE(c2a_system)
};
