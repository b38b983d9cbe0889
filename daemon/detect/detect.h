/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_DETECT_H
#define C2A_DETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

/*
 * The behaviour detector: ransomware-like patterns in the event stream,
 * per process, in user space. Events go in as the tools assemble them
 * (detect_feed), from /dev/audit or a trail; alerts come out through a
 * callback. The detector keeps its own clock from the events' times, so a
 * trail gives the alerts the live stream gave.
 *
 * A process's file events are classified Open (read), Crea (created or
 * truncated for writing), Del (unlinked), Ren (renamed) and Enc (a call
 * into a probed crypto function: a C2A_REC_UPROBE record). Three
 * sequences, each within seq_window of the open, make a Match:
 *
 *   copy-delete   Open X, Crea Y, Del X       (Y next to X: see relation)
 *   rename-over   Open X, Crea Y, Ren Y -> X  (the copy replaces X)
 *   rename-away   Open X, Crea Y, Ren X -> Z  (X moved away once copied)
 *
 * Per type, a sliding window counts the process's events; a count at or
 * above the type's threshold turns its letter on in TRESH (O C D E).
 * Severity: MIN when a threshold is crossed or a Match happened within
 * match_window; MAJ when matches reach match_major within match_window,
 * or a Match comes with an Enc within enc_window. MAJ stays until the
 * process's state is dropped (exec, another program under its pid,
 * expiry, eviction).
 *
 * Memory is bounded: at most max_procs processes (the least recently
 * seen is evicted, those idle for idle_ms expire), a fixed number of
 * tracked files each, and at most reorder_max events waiting to be put in
 * time order (records of different CPUs arrive interleaved).
 */

enum det_type {
	DET_OPEN,
	DET_CREATE,
	DET_DELETE,
	DET_ENC,
	DET_NTYPES,		/* the types with rates and thresholds */
	DET_RENAME = DET_NTYPES,
	DET_EXEC,		/* resets the process's state */
};

enum det_sev { DET_OK, DET_MIN, DET_MAJ };

enum det_relation {
	DET_REL_DIR,		/* the copy is in the original's directory */
	DET_REL_NAME,		/* the copy is the original's name + a suffix */
	DET_REL_ANY,		/* any file the process creates */
};

#define DET_PAT_COPY_DELETE	0x01
#define DET_PAT_RENAME_OVER	0x02
#define DET_PAT_RENAME_AWAY	0x04
#define DET_PAT_ALL		0x07

struct det_config {
	uint32_t window_ms;		/* rate window */
	uint32_t threshold[DET_NTYPES];	/* events per window; 0: none */
	uint32_t seq_window_ms;		/* open to the end of a sequence */
	uint32_t match_window_ms;
	uint32_t match_major;		/* matches in match_window for MAJ */
	uint32_t enc_window_ms;		/* Enc this near a Match: MAJ */
	uint32_t patterns;		/* DET_PAT_* */
	enum det_relation relation;
	uint32_t max_procs;
	uint32_t idle_ms;		/* state of a process idle this long goes */
	uint32_t reorder_ms;		/* how late a record may arrive */
	uint32_t reorder_max;		/* events held for ordering, at most */
	char **ignore;			/* executables never flagged */
	size_t nignore;
};

#define DET_NAME_MAX	256		/* displayed names keep their tail */
#define DET_EXE_MAX	128

/* One event as the detector sees it. */
struct det_event {
	uint64_t time_ns;
	uint64_t seq;			/* the record's id on its CPU */
	uint32_t cpu;
	uint32_t tgid, pid;
	uint8_t type;			/* enum det_type */
	char comm[16];
	uint64_t exe;			/* hash of the executable's path */
	uint64_t obj, obj_dir, obj_stem;	/* hashes of the object's path */
	uint64_t obj2;			/* rename: the new path */
	char name[DET_NAME_MAX];	/* path; Enc: library:function */
	char name2[DET_NAME_MAX];	/* rename: the new path */
	char exe_name[DET_EXE_MAX];
};

struct det_alert {
	const struct det_event *ev;
	enum det_sev severity;
	const char *pattern;		/* the sequence this event ended, or NULL */
	uint32_t over;			/* bit per type over its threshold */
	uint32_t rate[DET_NTYPES];	/* the process's counts in the window */
	uint32_t matches;		/* in match_window */
};

typedef void (*det_alert_fn)(const struct det_alert *a, void *ctx);

struct det_stats {
	uint64_t records;		/* events fed */
	uint64_t events;		/* of them, classified */
	uint64_t late;			/* arrived after later ones were judged */
	uint64_t procs;			/* tracked now */
	uint64_t evicted;		/* dropped for room */
	uint64_t expired;		/* dropped when idle */
	uint64_t alerts[3];		/* by severity */
	uint64_t matches;
	size_t memory;			/* bytes allocated, fixed at creation */
};

struct detect;

void det_config_default(struct det_config *c);
void det_config_free(struct det_config *c);
/* KEY=VALUE, as in the config file; false with @err set. */
bool det_config_set(struct det_config *c, const char *kv, char *err,
		    size_t errlen);
/* A file of KEY=VALUE lines ('#' comments); errors logged as FILE:LINE. */
int det_config_load(struct det_config *c, const char *path);
const char *det_type_name(enum det_type t);
const char *det_sev_name(enum det_sev s);

struct detect *detect_new(const struct det_config *c, det_alert_fn fn,
			  void *ctx);
void detect_free(struct detect *d);
/* An assembled event from the stream or a trail. */
void detect_feed(struct detect *d, const struct evt *ev);
/* A normalized event (what detect_feed makes of a record). */
void detect_feed_event(struct detect *d, const struct det_event *e);
/* The wall clock: events older than reorder_ms are judged now. */
void detect_tick(struct detect *d, uint64_t now_ns);
/* End of input: judge everything held. */
void detect_finish(struct detect *d);
void detect_get_stats(const struct detect *d, struct det_stats *s);

/* Alerts as text lines (under det_out_header's) or JSON lines. */
struct buf;
void det_out_header(struct buf *out);
void det_out_text(const struct det_alert *a, struct buf *out);
void det_out_json(const struct det_alert *a, struct buf *out);

/* From a record to a det_event; false when the detector ignores it. */
bool det_classify(const struct evt *ev, struct det_event *out);

#endif
