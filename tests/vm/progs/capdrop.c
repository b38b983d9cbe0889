// SPDX-License-Identifier: GPL-2.0
/*
 * capdrop CAP_NAME... -- CMD [ARGS...]: run CMD with only the named
 * capabilities left in the bounding set, as systemd's
 * CapabilityBoundingSet= does: root's exec then has no others.
 */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <linux/capability.h>

static const struct {
	const char *name;
	int cap;
} caps[] = {
	{ "CAP_DAC_OVERRIDE", CAP_DAC_OVERRIDE },
	{ "CAP_DAC_READ_SEARCH", CAP_DAC_READ_SEARCH },
	{ "CAP_SYS_ADMIN", CAP_SYS_ADMIN },
	{ "CAP_SYS_BOOT", CAP_SYS_BOOT },
	{ "CAP_AUDIT_CONTROL", CAP_AUDIT_CONTROL },
	{ "CAP_AUDIT_READ", CAP_AUDIT_READ },
	{ "CAP_AUDIT_WRITE", CAP_AUDIT_WRITE },
	{ "CAP_SYS_RESOURCE", CAP_SYS_RESOURCE },
	{ "CAP_SETUID", CAP_SETUID },
	{ "CAP_SETGID", CAP_SETGID },
	{ "CAP_CHOWN", CAP_CHOWN },
	{ "CAP_FOWNER", CAP_FOWNER },
	{ "CAP_FSETID", CAP_FSETID },
	{ "CAP_NET_ADMIN", CAP_NET_ADMIN },
};

static int cap_of(const char *name)
{
	for (unsigned int i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		if (!strcmp(caps[i].name, name))
			return caps[i].cap;
	return -1;
}

int main(int argc, char **argv)
{
	unsigned long long keep = 0;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		int c = cap_of(argv[i]);

		if (c < 0) {
			fprintf(stderr, "capdrop: unknown capability %s\n", argv[i]);
			return 2;
		}
		keep |= 1ULL << c;
	}
	if (i + 1 >= argc) {
		fprintf(stderr, "usage: capdrop CAP_NAME... -- CMD [ARGS...]\n");
		return 2;
	}
	for (int c = 0; c <= CAP_LAST_CAP; c++)
		if (!(keep & (1ULL << c)) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0)) {
			perror("capdrop: PR_CAPBSET_DROP");
			return 1;
		}
	execvp(argv[i + 1], argv + i + 1);
	perror(argv[i + 1]);
	return 127;
}
