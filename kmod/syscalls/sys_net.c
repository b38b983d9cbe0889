// SPDX-License-Identifier: GPL-2.0
/*
 * Audited socket syscalls: the address each one names (connect, bind), or
 * the socket's own (listen) or peer's (accept). i386 reaches them through
 * socketcall(2) too, which is decoded into the call it carries.
 */
#include <linux/file.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/un.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#include "capture.h"
#include "hooks.h"

/*
 * Fills @a from a socket address of @len bytes. A unix socket's path (or
 * abstract name) is left at *path; returns its length, 0 when none.
 */
int c2a_sockaddr_fill(struct c2a_sockaddr *a,
		      const struct sockaddr_storage *ss, int len,
		      const char **path)
{
	const struct sockaddr_in *in = (const void *)ss;
	const struct sockaddr_in6 *in6 = (const void *)ss;
	const struct sockaddr_un *un = (const void *)ss;
	int plen = len - (int)offsetof(struct sockaddr_un, sun_path);

	if (len < (int)sizeof(ss->ss_family))
		return 0;
	a->family = ss->ss_family;
	switch (ss->ss_family) {
	case AF_INET:
		if (len < (int)sizeof(*in))
			break;
		a->port = ntohs(in->sin_port);
		memcpy(a->addr, &in->sin_addr, sizeof(in->sin_addr));
		break;
	case AF_INET6:
		if (len < (int)sizeof(*in6))
			break;
		a->port = ntohs(in6->sin6_port);
		a->scope_id = in6->sin6_scope_id;
		memcpy(a->addr, &in6->sin6_addr, sizeof(in6->sin6_addr));
		break;
	case AF_UNIX:
		plen = min_t(int, plen, sizeof(un->sun_path));
		/* A path name ends at its NUL; an abstract name has none. */
		if (plen > 0 && un->sun_path[0])
			plen = strnlen(un->sun_path, plen);
		*path = un->sun_path;
		return max(plen, 0);
	}
	return 0;
}

/* Sets the object's address; a unix socket's path goes in a string. */
static void c2a_add_sockaddr(struct c2a_builder *b, struct c2a_object *o,
			     const struct sockaddr_storage *ss, int len)
{
	const char *path;
	int plen = c2a_sockaddr_fill(&o->addr, ss, len, &path);
	char *buf = plen > 0 ? c2a_builder_buf(b) : NULL;

	if (!buf)
		return;
	memcpy(buf, path, plen);
	c2a_builder_add(b, C2A_STR_SOCKPATH, buf, plen, 0);
}

static void c2a_add_user_sockaddr(struct c2a_builder *b, struct c2a_object *o,
				  unsigned long uaddr, unsigned long ulen)
{
	struct sockaddr_storage ss;
	int len = (int)ulen;

	if (len <= 0 || len > (int)sizeof(ss))
		return;
	if (copy_from_user(&ss, (const void __user *)uaddr, len)) {
		b->rec->hdr.flags |= C2A_RF_NOUSER;
		return;
	}
	c2a_add_sockaddr(b, o, &ss, len);
}

/* The socket's own address, or its peer's. */
static void c2a_add_sock_name(struct c2a_builder *b, struct c2a_object *o,
			      struct file *file, bool peer)
{
	struct socket *sock = sock_from_file(file);
	struct sockaddr_storage ss;
	int len;

	if (!sock)
		return;
	memset(&ss, 0, sizeof(ss));
	len = peer ? kernel_getpeername(sock, (struct sockaddr *)&ss) :
		     kernel_getsockname(sock, (struct sockaddr *)&ss);
	if (len > 0)
		c2a_add_sockaddr(b, o, &ss, len);
}

void c2a_capture_net(struct c2a_capture *cap, struct c2a_builder *b)
{
	struct c2a_object *o = &cap->rec.ev.u.sys.obj;
	const unsigned long *a = cap->e.args;
	struct file *f;

	switch (cap->e.sysid) {
	case C2A_SYS_connect:
	case C2A_SYS_bind:
		if (cap->e.arch != C2A_ARCH_IO_URING) {
			c2a_add_user_sockaddr(b, o, a[1], a[2]);
			break;
		}
		o->addr = cap->e.addr;
		/*
		 * io_uring kept no path: the peer has it once connected, the
		 * socket itself once bound.
		 */
		if (o->addr.family == AF_UNIX && cap->file && !cap->ret)
			c2a_add_sock_name(b, o, cap->file,
					  cap->e.sysid == C2A_SYS_connect);
		break;
	case C2A_SYS_accept:
	case C2A_SYS_accept4:
		if (cap->file)
			c2a_add_sock_name(b, o, cap->file, true);
		break;
	case C2A_SYS_listen:
		/* io_uring's request held the socket: at_return took it. */
		if (cap->file) {
			c2a_add_sock_name(b, o, cap->file, false);
			break;
		}
		f = current->files ? fget(a[0]) : NULL;
		if (f) {
			c2a_add_sock_name(b, o, f, false);
			fput(f);
		}
		break;
	}
}

/* socketcall(call, args): which calls are audited, with how many args. */
static const struct {
	u16 sysid;
	u8 nargs;
} c2a_socketcalls[] = {
	[SYS_SOCKET] = { C2A_SYS_socket, 3 },
	[SYS_BIND] = { C2A_SYS_bind, 3 },
	[SYS_CONNECT] = { C2A_SYS_connect, 3 },
	[SYS_LISTEN] = { C2A_SYS_listen, 2 },
	[SYS_ACCEPT] = { C2A_SYS_accept, 3 },
	[SYS_ACCEPT4] = { C2A_SYS_accept4, 4 },
};

static bool c2a_socketcall_at_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	unsigned long call = e->args[0];

	if (call >= ARRAY_SIZE(c2a_socketcalls) || !c2a_socketcalls[call].sysid)
		return false;
	e->sysid = c2a_socketcalls[call].sysid;
	return true;
}

/* The call's arguments (32-bit words of the caller) become the record's. */
static void c2a_capture_socketcall(struct c2a_capture *cap,
				   struct c2a_builder *b)
{
	unsigned int n = c2a_socketcalls[cap->e.args[0]].nargs, i;
	const u32 __user *uargs = (const u32 __user *)cap->e.args[1];
	u32 args[6] = {};

	if (copy_from_user(args, uargs, n * sizeof(u32))) {
		b->rec->hdr.flags |= C2A_RF_NOUSER;
		return;
	}
	for (i = 0; i < ARRAY_SIZE(args); i++)
		cap->e.args[i] = cap->rec.ev.u.sys.args[i] = args[i];
	c2a_capture_net(cap, b);
}

static void c2a_socketcall_at_return(struct c2a_capture *cap)
{
	if (cap->e.sysid == C2A_SYS_accept || cap->e.sysid == C2A_SYS_accept4)
		c2a_at_return_result_fd(cap);
}

#define NET(call, ...)							\
	{ .sysid = C2A_SYS_##call, .entry = { __VA_ARGS__ },		\
	  .capture = c2a_capture_net }

static const struct c2a_sysdesc c2a_net[] = {
	NET(socket, C2A_X64(socket), C2A_IA32(socket)),
	NET(connect, C2A_X64(connect), C2A_IA32(connect)),
	NET(bind, C2A_X64(bind), C2A_IA32(bind)),
	NET(listen, C2A_X64(listen), C2A_IA32(listen)),
	/* i386 has no accept(2) of its own, only through socketcall */
	{ .sysid = C2A_SYS_accept, .entry = { C2A_X64(accept) },
	  .at_return = c2a_at_return_result_fd, .capture = c2a_capture_net },
	{ .sysid = C2A_SYS_accept4, .entry = C2A_BOTH(accept4),
	  .at_return = c2a_at_return_result_fd, .capture = c2a_capture_net },
	{ .sysid = C2A_SYS_socket, .entry = { C2A_IA32C(socketcall) },
	  .carries = (const u16[]){ C2A_SYS_bind, C2A_SYS_connect,
				    C2A_SYS_listen, C2A_SYS_accept,
				    C2A_SYS_accept4, 0 },
	  .at_entry = c2a_socketcall_at_entry,
	  .at_return = c2a_socketcall_at_return,
	  .capture = c2a_capture_socketcall },
};

const struct c2a_systable c2a_sys_net = { c2a_net, ARRAY_SIZE(c2a_net) };
