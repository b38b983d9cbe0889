/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_FUZZ_H
#define C2A_FUZZ_H

/*
 * What the fuzz targets (tests/fuzz/fuzz_*.c, libFuzzer) share: the input
 * as a file the parsers can open by name, and a look at every event that
 * comes out of the reassembly, as each review tool would look at it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "detect.h"
#include "fields.h"
#include "record.h"
#include "render.h"
#include "tally.h"

/* The key of keyed trails, in the fuzz targets and the seed generator. */
#define FUZZ_KEY	"c2audit fuzz key: not a secret!"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* @data as the contents of a file; its name, valid until the next call. */
static inline const char *fuzz_file(const uint8_t *data, size_t size)
{
	static char path[64];
	static int fd = -1;

	if (fd < 0) {
		fd = memfd_create("fuzz-input", MFD_CLOEXEC);
		if (fd < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	return path;
}

/*
 * An event as report, summary and detect use it: a string never claims
 * more bytes than it has, and each field renders.
 */
static inline void fuzz_event(const struct evt *ev, void *ctx)
{
	static struct buf b;
	struct det_event de;
	struct tally t = { 0 };
	struct fields f;
	struct evt *copy;

	(void)ctx;
	for (unsigned int i = 0; i < ev->nstr; i++) {
		const struct evt_str *s = &ev->str[i];

		if (s->have > s->len || s->data[s->len])
			abort();
		tally_add(&t, s->data, s->have, 1, 0);
	}
	tally_free(&t);
	fields_build(ev, &f);
	buf_reset(&b);
	render_text(&f, &b);
	render_json(&f, &b);
	det_classify(ev, &de);
	copy = evt_copy(ev);
	evt_free(copy);
}

#endif
