// SPDX-License-Identifier: GPL-2.0
/*
 * The trail reader as the review tools use it: one file (a trail file, or
 * else a raw record stream) read with the chain checked, keyed with
 * FUZZ_KEY when its header says so, every event looked at; then read
 * again unchecked.
 */
#include <sys/stat.h>

#include "fuzz.h"
#include "review.h"
#include "trail.h"

static char key_path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/c2a-fuzz-XXXXXX";
	FILE *f;

	(void)argc;
	(void)argv;
	if (!mkdtemp(dir))
		abort();
	snprintf(key_path, sizeof(key_path), "%s/key", dir);
	f = fopen(key_path, "w");
	if (!f || fputs(FUZZ_KEY, f) < 0 || fclose(f) || chmod(key_path, 0600))
		abort();
	return 0;
}

static void read_one(const char *path, const struct review_check *chk)
{
	char *files[1] = { (char *)path };
	struct review_stats st;
	struct evt_asm a;

	evt_asm_init(&a, fuzz_event, NULL);
	review_read(files, 1, "/nonexistent/c2auditd.conf", chk, &a, &st);
	evt_asm_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct trail_file_header *h = (const void *)data;
	struct review_check chk = { .no_verify = false };
	const char *path = fuzz_file(data, size);

	if (size >= sizeof(*h) && (h->flags & TRAIL_HF_HMAC))
		chk.key_file = key_path;
	read_one(path, &chk);
	chk.no_verify = true;
	read_one(path, &chk);
	return 0;
}
