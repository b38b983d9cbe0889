// SPDX-License-Identifier: GPL-2.0
/*
 * The rules parser, on a whole rules file; and every rule it accepts must
 * read back the same from how `c2audit rules list` writes it.
 */
#include "fuzz.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf once = { 0 }, twice = { 0 };
	struct ruleset rs;
	char err[512];

	/* uprobe statements open the libraries they name: not here. */
	if (memmem(data, size, "uprobe", 6))
		return 0;
	if (ruleset_parse_file(fuzz_file(data, size), &rs))
		return 0;
	for (size_t i = 0; i < rs.count; i++) {
		struct rule again;

		buf_reset(&once);
		rule_format(&rs.rules[i], &once);
		if (rule_parse_line(buf_cstr(&once), &again, err, sizeof(err)) != 1) {
			fprintf(stderr, "'%s' does not read back: %s\n",
				buf_cstr(&once), err);
			abort();
		}
		buf_reset(&twice);
		rule_format(&again, &twice);
		rule_free(&again);
		if (strcmp(buf_cstr(&once), buf_cstr(&twice))) {
			fprintf(stderr, "'%s' reads back as '%s'\n",
				buf_cstr(&once), buf_cstr(&twice));
			abort();
		}
	}
	ruleset_free(&rs);
	buf_free(&once);
	buf_free(&twice);
	return 0;
}
