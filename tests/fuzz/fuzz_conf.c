// SPDX-License-Identifier: GPL-2.0
/* c2auditd.conf: the daemon's keys, then the [output NAME] sections. */
#include "conf.h"
#include "fuzz.h"
#include "outputs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct outputs_conf oc;
	struct conf c;
	char name[64];

	if (!conf_load(&c, path))
		conf_flush_name(&c, name, sizeof(name));
	/* What a failed load leaves is freed the same way. */
	outputs_conf_load(path, &oc);
	outputs_conf_free(&oc);
	return 0;
}
