// SPDX-License-Identifier: GPL-2.0
/*
 * Alerts as text, the table of the ransomware detectors we learn from
 * (PID TYPE FLAG PATT TRESH FILENAME), or as JSON lines.
 */
#include <string.h>

#include "detect.h"
#include "fields.h"
#include "render.h"

static const char *const short_types[] = {
	[DET_OPEN] = "Open", [DET_CREATE] = "Crea", [DET_DELETE] = "Del",
	[DET_ENC] = "Enc", [DET_RENAME] = "Ren",
};

/* One letter per type over its threshold: O C D E, '-' for the others. */
static void tresh(const struct det_alert *a, char out[DET_NTYPES + 1])
{
	static const char letters[DET_NTYPES] = "OCDE";

	for (int t = 0; t < DET_NTYPES; t++)
		out[t] = a->over & (1U << t) ? letters[t] : '-';
	out[DET_NTYPES] = '\0';
}

void det_out_header(struct buf *out)
{
	buf_adds(out, "PID     TYPE FLAG PATT  TRESH FILENAME\n");
}

void det_out_text(const struct det_alert *a, struct buf *out)
{
	const struct det_event *e = a->ev;
	char t[DET_NTYPES + 1];

	tresh(a, t);
	buf_printf(out, "%-7u %-4s %-4s %-5s %-5s ", e->tgid,
		   short_types[e->type], det_sev_name(a->severity),
		   a->pattern ? "Match" : "-", t);
	render_text_value(out, e->name, strlen(e->name));
	if (e->type == DET_RENAME) {
		buf_adds(out, " -> ");
		render_text_value(out, e->name2, strlen(e->name2));
	}
	buf_addc(out, '\n');
}

static void json_str(struct buf *out, const char *key, const char *v)
{
	buf_addc(out, ',');
	render_json_pair(out, key, v, strlen(v));
}

void det_out_json(const struct det_alert *a, struct buf *out)
{
	const struct det_event *e = a->ev;
	char t[DET_NTYPES + 1], when[40];

	tresh(a, t);
	format_time(e->time_ns, when, sizeof(when));
	buf_printf(out, "{\"time\":\"%s\",\"pid\":%u,\"tid\":%u", when, e->tgid,
		   e->pid);
	json_str(out, "comm", e->comm);
	json_str(out, "exe", e->exe_name);
	buf_printf(out, ",\"type\":\"%s\",\"flag\":\"%s\",\"match\":%s",
		   det_type_name(e->type), det_sev_name(a->severity),
		   a->pattern ? "true" : "false");
	if (a->pattern)
		buf_printf(out, ",\"pattern\":\"%s\"", a->pattern);
	buf_printf(out, ",\"tresh\":\"%s\",\"rates\":{", t);
	for (int i = 0; i < DET_NTYPES; i++)
		buf_printf(out, "%s\"%s\":%u", i ? "," : "", det_type_name(i),
			   a->rate[i]);
	buf_printf(out, "},\"matches\":%u", a->matches);
	json_str(out, "file", e->name);
	if (e->type == DET_RENAME)
		json_str(out, "file2", e->name2);
	if (e->type == DET_ENC)
		json_str(out, "library", e->name2);
	buf_printf(out, ",\"cpu\":%u,\"seq\":%llu}\n", e->cpu,
		   (unsigned long long)e->seq);
}
