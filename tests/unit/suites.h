/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_SUITES_H
#define C2A_SUITES_H

#include <check.h>

Suite *record_suite(void);
Suite *render_suite(void);
Suite *fields_suite(void);
Suite *rules_suite(void);
Suite *auditctl_suite(void);
Suite *filter_suite(void);
Suite *trail_suite(void);
Suite *conf_suite(void);
Suite *parse_suite(void);
Suite *trace_suite(void);
Suite *detect_suite(void);
Suite *elfsym_suite(void);
Suite *syslog5424_suite(void);
Suite *match_suite(void);
Suite *spool_suite(void);
Suite *lua_suite(void);
Suite *output_conf_suite(void);
Suite *outputs_suite(void);
Suite *review_suite(void);
Suite *follow_suite(void);
Suite *usermsg_suite(void);

#endif
