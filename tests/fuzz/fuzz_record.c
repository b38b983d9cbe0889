// SPDX-License-Identifier: GPL-2.0
/*
 * Record reassembly: any stream of records, as /dev/audit or a raw file
 * gives them, into events, and each event into fields and text. The first
 * byte's low bit, when set, makes every record's version and size right,
 * so that the fuzzer reaches past record_check() more often.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool fix = size && (data[0] & 1);
	struct c2a_record rec;
	struct evt_asm a;

	evt_asm_init(&a, fuzz_event, NULL);
	for (size_t off = 1; off + sizeof(rec) <= size; off += sizeof(rec)) {
		memcpy(&rec, data + off, sizeof(rec));
		if (fix) {
			rec.hdr.version = C2A_ABI_VERSION;
			rec.hdr.size = C2A_RECORD_SIZE;
			rec.hdr.cpu %= 4;
		}
		a.damaged = rec.hdr.flags & 0x8000;
		evt_asm_feed(&a, &rec);
	}
	evt_asm_flush(&a);
	evt_asm_free(&a);
	return 0;
}
