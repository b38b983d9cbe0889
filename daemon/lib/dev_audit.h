/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_DEV_AUDIT_H
#define C2A_DEV_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "c2audit.h"

/*
 * Handles on /dev/audit. A reader handle is the one that receives records;
 * a control handle may change the configuration; a query handle (opened
 * with O_ACCMODE, neither reading nor writing) only asks. On failure these
 * print what went wrong and what to do, and return -1.
 */
int dev_open_reader(const char *path, bool nonblock);
int dev_open_control(const char *path);
int dev_open_query(const char *path);

int dev_get_version(int fd, struct c2a_version *v);
int dev_halting(int fd);
int dev_get_seqs(int fd, struct c2a_cpu_seq **seqs, unsigned int *n,
		 uint64_t *loaded_ns);
int dev_get_status(int fd, struct c2a_status *st);
int dev_get_stats(int fd, struct c2a_cpu_stats **stats, unsigned int *n);
int dev_get_lsm(int fd, struct c2a_lsm_status *st);
int dev_observe(int fd, const struct c2a_observe *req);
int dev_observer_stats(int ofd, struct c2a_observer_stats *st);

#endif
