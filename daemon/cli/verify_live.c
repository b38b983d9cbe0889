// SPDX-License-Identifier: GPL-2.0
/*
 * c2audit verify on a live host: the trail against the module. What the
 * module handed its reader (per CPU, the id of the last record read) must
 * be in the trail; a trail that ends before it lost its newest records,
 * whatever its files' chains say. Only the records of the module loaded
 * now count: its ids started at 1 when it loaded.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dev_audit.h"
#include "log.h"
#include "verify_live.h"

#define LIVE_TRIES	10	/* c2auditd may still be writing what it read */

int live_begin(struct live *lv, const char *device)
{
	struct c2a_status st;
	int fd = dev_open_query(device);

	memset(lv, 0, sizeof(*lv));
	if (fd < 0)
		return -1;
	lv->device = device;
	if (dev_get_status(fd, &st) ||
	    dev_get_seqs(fd, &lv->mod, &lv->n, &lv->loaded_ns)) {
		close(fd);
		return -1;
	}
	close(fd);
	lv->reader = st.reader_pid;
	lv->last = calloc(lv->n, sizeof(*lv->last));
	if (!lv->last)
		fatal("out of memory");
	lv->on = true;
	return 0;
}

/* A record of the trail: the newest id of its CPU from this module. */
void live_see(struct live *lv, const struct c2a_record *rec)
{
	const struct c2a_header *h = &rec->hdr;

	if (!lv->on || h->cpu >= lv->n || h->time_ns < lv->loaded_ns)
		return;
	switch (h->type) {
	case C2A_REC_SYSCALL:
	case C2A_REC_LOSS:
	case C2A_REC_CONT:
	case C2A_REC_CONFIG:
	case C2A_REC_LSM:
	case C2A_REC_UPROBE:
		if (h->seq > lv->last[h->cpu])
			lv->last[h->cpu] = h->seq;
		break;
	}
}

/* CPUs whose delivered records the trail does not hold (yet). */
static unsigned int live_behind(const struct live *lv)
{
	unsigned int behind = 0;

	for (unsigned int i = 0; i < lv->n; i++)
		behind += lv->last[i] < lv->mod[i].delivered;
	return behind;
}

/* Reads again the trail's newest files, for what c2auditd wrote since. */
static void live_reread(struct live *lv, const char *dir,
			const struct trail_key *key)
{
	struct trail_files files;
	char err[512];

	if (trail_list(dir, &files, err, sizeof(err)))
		return;
	for (size_t i = files.n > 2 ? files.n - 2 : 0; i < files.n; i++) {
		struct trail_reader *r = trail_open(files.f[i].path, key, 0,
						    err, sizeof(err));
		const struct c2a_record *rec;

		if (!r)
			continue;
		while (trail_next(r, &rec) == TRAIL_RECORD)
			live_see(lv, rec);
		trail_close(r);
	}
	trail_files_free(&files);
}

/*
 * The ids issued by now, per CPU: the trail, read after the first look,
 * may hold later ones, but none the module has not issued yet.
 */
static uint64_t *live_issued_now(const struct live *lv)
{
	struct c2a_cpu_seq *now = NULL;
	uint64_t *issued, loaded;
	unsigned int n = 0;
	int fd = dev_open_query(lv->device);

	issued = calloc(lv->n, sizeof(*issued));
	if (!issued)
		fatal("out of memory");
	if (fd >= 0 && !dev_get_seqs(fd, &now, &n, &loaded) &&
	    loaded == lv->loaded_ns) {
		for (unsigned int i = 0; i < lv->n && i < n; i++)
			issued[i] = now[i].issued;
	} else {
		for (unsigned int i = 0; i < lv->n; i++)
			issued[i] = UINT64_MAX;
	}
	free(now);
	if (fd >= 0)
		close(fd);
	return issued;
}

int live_report(struct live *lv, const char *dir, const struct trail_key *key)
{
	unsigned int bad = 0;
	uint64_t *issued;

	for (int i = 0; i < LIVE_TRIES && dir && live_behind(lv); i++) {
		usleep(200 * 1000);
		live_reread(lv, dir, key);
	}
	issued = live_issued_now(lv);
	for (unsigned int i = 0; i < lv->n; i++) {
		uint64_t have = lv->last[i], gave = lv->mod[i].delivered;

		if (have < gave) {
			printf("live: CPU %u: the module handed its reader ids up to %" PRIu64
			       ", the trail ends at %" PRIu64 ": %" PRIu64 " ids read but not in the trail\n",
			       lv->mod[i].cpu, gave, have, gave - have);
			bad++;
		} else if (have > issued[i]) {
			printf("live: CPU %u: the trail has id %" PRIu64
			       ", the module issued only up to %" PRIu64 ": not this module's records\n",
			       lv->mod[i].cpu, have, issued[i]);
			bad++;
		}
	}
	free(issued);
	if (!bad)
		printf("live: the trail holds every record the module handed its reader (pid %u) on %u CPUs\n",
		       lv->reader, lv->n);
	return bad ? -1 : 0;
}

void live_free(struct live *lv)
{
	free(lv->mod);
	free(lv->last);
	memset(lv, 0, sizeof(*lv));
}
