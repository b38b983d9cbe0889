// SPDX-License-Identifier: GPL-2.0
/* Runs every unit-test suite; fork mode, so a crash fails one test only. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(record_suite());
	int failed;

	srunner_add_suite(sr, render_suite());
	srunner_add_suite(sr, fields_suite());
	srunner_add_suite(sr, rules_suite());
	srunner_add_suite(sr, auditctl_suite());
	srunner_add_suite(sr, filter_suite());
	srunner_add_suite(sr, trail_suite());
	srunner_add_suite(sr, conf_suite());
	srunner_add_suite(sr, parse_suite());
	srunner_add_suite(sr, trace_suite());
	srunner_add_suite(sr, detect_suite());
	srunner_add_suite(sr, elfsym_suite());
	srunner_add_suite(sr, syslog5424_suite());
	srunner_add_suite(sr, match_suite());
	srunner_add_suite(sr, spool_suite());
	srunner_add_suite(sr, lua_suite());
	srunner_add_suite(sr, output_conf_suite());
	srunner_add_suite(sr, outputs_suite());
	srunner_add_suite(sr, review_suite());
	srunner_add_suite(sr, follow_suite());
	srunner_add_suite(sr, usermsg_suite());
	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
