// SPDX-License-Identifier: GPL-2.0
/*
 * Linux audit's messages, as c2auditd gets them from the kernel: any text
 * parsed, made into records (the first two bytes the message type), put
 * back together and looked at as the review tools do.
 */
#include "auditmsg.h"
#include "fuzz.h"
#include "usermsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct c2a_record recs[USERMSG_RECORDS_MAX];
	unsigned int type = size >= 2 ? data[0] | data[1] << 8 : 1100;
	const char *text = size >= 2 ? (const char *)data + 2 : "";
	size_t len = size >= 2 ? size - 2 : 0;
	struct evt_asm a;
	struct amsg m;
	size_t n;

	amsg_parse(text, len, &m);
	n = usermsg_records(type, text, len, 1, 0, recs, USERMSG_RECORDS_MAX);
	evt_asm_init(&a, fuzz_event, NULL);
	for (size_t i = 0; i < n; i++)
		evt_asm_feed(&a, &recs[i]);
	evt_asm_flush(&a);
	evt_asm_free(&a);
	return 0;
}
