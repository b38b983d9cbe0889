// SPDX-License-Identifier: GPL-2.0
/*
 * The trail reader as the review tools use it: one file (a trail file, or
 * else a raw record stream) read with the chain checked, keyed with
 * FUZZ_KEY when its header says so, every event looked at; then read
 * again unchecked. Then the same bytes made a trail file whose unkeyed
 * chain holds (as someone who rewrites the chain after an edit makes it),
 * so that what passes the check is fuzzed too: seals, indexes, records.
 */
#include <sys/stat.h>

#include "fuzz.h"
#include "trail_scan.h"
#include "trail.h"
#include "trail_chain.h"

static char key_dir[] = "/tmp/c2a-fuzz-XXXXXX", key_path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv);

static void remove_key(void)
{
	unlink(key_path);
	rmdir(key_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *f;

	(void)argc;
	(void)argv;
	if (!mkdtemp(key_dir))
		abort();
	snprintf(key_path, sizeof(key_path), "%s/key", key_dir);
	atexit(remove_key);
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

/*
 * The frames of @copy (@size bytes) chained after @prev, as far as they
 * are frames of @version.
 */
static void rechain(struct trail_chain *c, uint8_t *copy, size_t size,
		    unsigned int version, const __u8 *prev)
{
	size_t off = TRAIL_HEADER_SIZE, need;
	struct trail_frame f;
	long len;

	for (;;) {
		if (version == TRAIL_VERSION_FIXED)
			len = off + TRAIL_FRAME_SIZE_V1 <= size ?
			      TRAIL_FRAME_SIZE_V1 : 0;
		else
			len = trail_frame_decode(copy + off, size - off, &f,
						 &need);
		if (len <= 0)
			return;
		chain_frame(c, prev, copy + off, len - TRAIL_MAC_LEN,
			    copy + off + len - TRAIL_MAC_LEN);
		prev = copy + off + len - TRAIL_MAC_LEN;
		off += len;
	}
}

/*
 * @data as a trail file (of format version 1 or 2 when it says so, else 3)
 * whose unkeyed chain holds.
 */
static void rechained(const uint8_t *data, size_t size)
{
	struct review_check chk = { .no_verify = false };
	struct trail_file_header *h;
	struct trail_chain c;
	uint8_t *copy;

	if (size < sizeof(*h) || !(copy = malloc(size)))
		return;
	memcpy(copy, data, size);
	h = (void *)copy;
	memcpy(h->magic, TRAIL_MAGIC, sizeof(h->magic));
	if (h->version != TRAIL_VERSION_FIXED &&
	    h->version != TRAIL_VERSION_WORDS)
		h->version = TRAIL_VERSION;
	h->header_size = TRAIL_HEADER_SIZE;
	h->frame_size = h->version == TRAIL_VERSION_FIXED ?
			TRAIL_FRAME_SIZE_V1 : TRAIL_FRAME_MAX;
	h->abi_version = C2A_ABI_VERSION;
	h->record_size = C2A_RECORD_SIZE;
	h->flags &= ~TRAIL_HF_HMAC;
	chain_init(&c, NULL);
	chain_header(&c, h, h->mac);
	rechain(&c, copy, size, h->version, h->mac);
	chain_free(&c);
	read_one(fuzz_file(copy, size), &chk);
	free(copy);
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
	rechained(data, size);
	return 0;
}
