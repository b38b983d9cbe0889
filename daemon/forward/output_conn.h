/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_OUTPUT_CONN_H
#define C2A_OUTPUT_CONN_H

#include <openssl/ssl.h>
#include <stdbool.h>
#include <stddef.h>

#include "outputs.h"

/*
 * A stream to a collector, plain TCP or TLS (OpenSSL), with every wait
 * bounded by a timeout and cut short when @wake_fd becomes readable.
 */
struct conn {
	int fd;
	SSL *ssl;
	int wake_fd;
};

/* The TLS context of an output (certificates read now); NULL with @err. */
SSL_CTX *conn_tls_ctx(const struct output_conf *c, char *err, size_t errlen);

int conn_open(struct conn *k, const struct output_conf *c, SSL_CTX *ctx,
	      char *err, size_t errlen);
/* Writes all of @p; -1 with @err on error or timeout. */
int conn_write(struct conn *k, const void *p, size_t n, unsigned int timeout_ms,
	       char *err, size_t errlen);
/* The peer closed or reset the connection (never waits). */
bool conn_peer_gone(struct conn *k);
/*
 * Ends the stream on our side (TLS close_notify, then FIN) and waits for
 * the peer to close its side. 0 when it did cleanly: it has read all we
 * sent. -1 with @err otherwise (a reset, a timeout). Closes either way.
 */
int conn_finish(struct conn *k, unsigned int timeout_ms, char *err,
		size_t errlen);
void conn_close(struct conn *k);

#endif
