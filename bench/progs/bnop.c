// SPDX-License-Identifier: GPL-2.0
/*
 * bnop: what the fork+exec workload runs. Linked statically, so an exec
 * is the exec alone: no dynamic loader opening libraries.
 */
int main(void)
{
	return 0;
}
