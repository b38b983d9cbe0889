// SPDX-License-Identifier: GPL-2.0
/*
 * A sealed trail file's message: its name, its record count and its last
 * chain value, sent as an object of its own so that a collector holds
 * what the host could not rewrite after the fact (doc/outputs.md).
 * Filters do not apply to it: it vouches for the records, filtered or not.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "output_int.h"
#include "render.h"

static void hex(struct buf *out, const char *key, const uint8_t *p, size_t n)
{
	buf_printf(out, ",\"%s\":\"", key);
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%02x", p[i]);
	buf_addc(out, '"');
}

static void time_pair(struct buf *out, const char *key, uint64_t ns)
{
	char t[64];

	format_time(ns, t, sizeof(t));
	buf_printf(out, ",\"%s\":\"%s\"", key, t);
}

static const char *reason_name(uint32_t reason)
{
	switch (reason) {
	case TRAIL_SEAL_ROTATE:
		return "rotate";
	case TRAIL_SEAL_STOP:
		return "stop";
	}
	return "unknown";
}

void output_seal_body(const struct trail_seal_info *s, struct buf *out)
{
	buf_printf(out, "{\"type\":\"seal\"");
	time_pair(out, "time", s->time_ns);
	buf_addc(out, ',');
	render_json_pair(out, "host", s->host, strnlen(s->host, sizeof(s->host)));
	buf_addc(out, ',');
	render_json_pair(out, "file", s->file, strlen(s->file));
	buf_printf(out, ",\"file_seq\":%" PRIu64 ",\"records\":%" PRIu64 ",\"reason\":\"%s\"",
		   s->seq, s->records, reason_name(s->reason));
	buf_printf(out, ",\"chain\":\"%s\"",
		   s->keyed ? "hmac-sha256" : "sha256");
	hex(out, "mac", s->mac, sizeof(s->mac));
	if (s->keyed)
		hex(out, "key_id", s->key_id, sizeof(s->key_id));
	buf_printf(out, ",\"checked\":\"%s\",\"damaged\":%" PRIu64,
		   s->checked ? "yes" : "no", s->damaged);
	time_pair(out, "created", s->created_ns);
	hex(out, "boot_id", s->boot_id, sizeof(s->boot_id));
	buf_addc(out, '}');
}

void output_seal_msg(struct output *o, const struct trail_seal_info *s)
{
	char id[80];
	struct output_msg m = {
		.body = &o->body,
		.time_ns = s->time_ns,
		.type = "seal",
		.warning = s->damaged != 0,
		.id = id,
	};

	snprintf(id, sizeof(id), "seal-%" PRIu64 "-%" PRIu64, s->seq,
		 s->created_ns);
	buf_reset(&o->body);
	output_seal_body(s, &o->body);
	o->ops->deliver(o, &m);
}
