// SPDX-License-Identifier: GPL-2.0
/*
 * Detect settings (c2audit detect -c FILE): parsed, and when accepted, a
 * detector made with them and run over a ransomware-like run of events
 * (open, create the copy, unlink; rename over; a crypto call), so that
 * odd windows, thresholds and limits meet real work.
 */
#include <fcntl.h>

#include "fuzz.h"
#include "recgen.h"

#define RUN_FILES	12

static void on_alert(const struct det_alert *al, void *ctx)
{
	static struct buf b;

	(void)ctx;
	buf_reset(&b);
	det_out_text(al, &b);
	det_out_json(al, &b);
}

static void feed(const struct evt *ev, void *ctx)
{
	detect_feed(ctx, ev);
}

/* One syscall event of pid 42 on @path (and @path2), at @ms. */
static void event(struct evt_asm *a, unsigned int sysid, uint64_t arg,
		  const char *path, const char *path2, uint64_t ms)
{
	struct gen_str s[3] = {
		{ C2A_STR_EXE, "/usr/bin/ransim", 15 },
		{ C2A_STR_PATH, path, strlen(path) },
		{ C2A_STR_PATH2, path2, path2 ? strlen(path2) : 0 },
	};
	static uint64_t seq;
	struct c2a_record r[4];
	size_t n = gen_event(r, 4, 0, ++seq, s, path2 ? 3 : 2);

	seq += n - 1;
	r[0].ev.u.sys.sysid = sysid;
	r[0].ev.u.sys.args[2] = arg;
	r[0].hdr.time_ns = 1700000000000000000ULL + ms * 1000000ULL;
	for (size_t i = 0; i < n; i++)
		evt_asm_feed(a, &r[i]);
}

static void run(struct detect *d)
{
	struct evt_asm a;
	char f[64], g[64];

	evt_asm_init(&a, feed, d);
	for (unsigned int i = 0; i < RUN_FILES; i++) {
		snprintf(f, sizeof(f), "/home/u/d%u/f%u", i % 3, i);
		snprintf(g, sizeof(g), "%s.aes", f);
		event(&a, C2A_SYS_openat, O_RDONLY, f, NULL, i * 7);
		event(&a, C2A_SYS_openat, O_WRONLY | O_CREAT | O_TRUNC, g,
		      NULL, i * 7 + 1);
		if (i % 2)
			event(&a, C2A_SYS_unlink, 0, f, NULL, i * 7 + 2);
		else
			event(&a, C2A_SYS_rename, 0, g, f, i * 7 + 2);
		detect_tick(d, 1700000000000000000ULL + (i * 7 + 3) * 1000000ULL);
	}
	evt_asm_flush(&a);
	evt_asm_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct det_config c;
	struct detect *d;

	det_config_default(&c);
	if (!det_config_load(&c, fuzz_file(data, size))) {
		d = detect_new(&c, on_alert, NULL);
		run(d);
		detect_finish(d);
		detect_free(d);
	}
	det_config_free(&c);
	return 0;
}
