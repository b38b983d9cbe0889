/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_SYSLOG5424_H
#define C2A_SYSLOG5424_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * RFC 5424 syslog messages and RFC 6587 octet-counting frames:
 *
 *   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID NAME="V"...] MSG
 *
 * sent over a stream as "LEN SP MESSAGE", LEN the message's octets.
 */
#define SYSLOG_HOSTNAME_MAX	255
#define SYSLOG_APPNAME_MAX	48
#define SYSLOG_PROCID_MAX	128
#define SYSLOG_MSGID_MAX	32
#define SYSLOG_SDNAME_MAX	32

struct sd_param {
	const char *name;
	const char *value;
};

struct rfc5424 {
	int facility;		/* 0..23 */
	int severity;		/* 0..7 */
	uint64_t time_ns;	/* realtime; written in UTC to the microsecond */
	const char *hostname;	/* NULL or "": the nil value "-" */
	const char *app_name;
	const char *procid;
	const char *msgid;
	const char *sd_id;	/* NULL: no structured data */
	size_t nparams;
	const struct sd_param *params;
};

/* Appends the message (header, SD, then @msg as MSG) to @out. */
void rfc5424_format(struct buf *out, const struct rfc5424 *h,
		    const char *msg, size_t msglen);
/* Appends "LEN " and the message. */
void rfc6587_frame(struct buf *out, const char *msg, size_t len);

/* true when @s is a valid SD-NAME (SD-ID or PARAM-NAME), 1-32 chars. */
bool sd_name_valid(const char *s);

/*
 * Reads the frame at the start of @in: on success returns the bytes the
 * frame takes and points @msg/@len at its message; 0 when @in holds only
 * the start of a frame; -1 when it is not a frame.
 */
long rfc6587_unframe(const char *in, size_t n, const char **msg,
		     size_t *len);

/* A parsed message; strings point into a copy owned by the struct. */
struct rfc5424_parsed {
	int pri;
	char *timestamp, *hostname, *app_name, *procid, *msgid;
	char *sd;		/* the whole STRUCTURED-DATA, "-" when nil */
	char *msg;		/* MSG, "" when absent */
	size_t msglen;
	char *copy;
};

/* Parses one message; -1 with @err saying where it is not RFC 5424. */
int rfc5424_parse(const char *in, size_t n, struct rfc5424_parsed *p,
		  char *err, size_t errlen);
/* The value of PARAM-NAME @name in SD-ELEMENT @sd_id, unescaped, into @out. */
bool rfc5424_sd_value(const struct rfc5424_parsed *p, const char *sd_id,
		      const char *name, struct buf *out);
void rfc5424_parsed_free(struct rfc5424_parsed *p);

#endif
