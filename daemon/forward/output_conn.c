// SPDX-License-Identifier: GPL-2.0
/* Connections to a collector: TCP with timeouts, TLS through OpenSSL. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "output_conn.h"

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* 1 when the socket is ready, 0 on timeout, -1 when woken (stopping). */
static int wait_fd(struct conn *k, short events, long long deadline)
{
	for (;;) {
		struct pollfd p[2] = { { k->fd, events, 0 },
				       { k->wake_fd, POLLIN, 0 } };
		long long left = deadline - now_ms();
		int n;

		if (left < 0)
			left = 0;
		n = poll(p, k->wake_fd >= 0 ? 2 : 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (k->wake_fd >= 0 && p[1].revents))
			return -1;
		return n > 0;
	}
}

static void ssl_error(char *err, size_t errlen, const char *what)
{
	unsigned long e = ERR_get_error();
	char buf[256];

	if (e) {
		ERR_error_string_n(e, buf, sizeof(buf));
		snprintf(err, errlen, "%s: %s", what, buf);
	} else {
		snprintf(err, errlen, "%s: %s", what,
			 errno ? strerror(errno) : "connection closed");
	}
	ERR_clear_error();
}

SSL_CTX *conn_tls_ctx(const struct output_conf *c, char *err, size_t errlen)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

	if (!ctx) {
		ssl_error(err, errlen, "TLS context");
		return NULL;
	}
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	/* a peer that closes without close_notify has still closed */
	SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
	SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	if (c->tls_verify)
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	if (*c->tls_ca ? !SSL_CTX_load_verify_locations(ctx, c->tls_ca, NULL) :
	    !SSL_CTX_set_default_verify_paths(ctx)) {
		ssl_error(err, errlen, *c->tls_ca ? c->tls_ca : "default CAs");
		goto fail;
	}
	if (*c->tls_cert &&
	    (!SSL_CTX_use_certificate_chain_file(ctx, c->tls_cert) ||
	     !SSL_CTX_use_PrivateKey_file(ctx, c->tls_key, SSL_FILETYPE_PEM) ||
	     !SSL_CTX_check_private_key(ctx))) {
		ssl_error(err, errlen, c->tls_cert);
		goto fail;
	}
	return ctx;
fail:
	SSL_CTX_free(ctx);
	return NULL;
}

static int tcp_connect(struct conn *k, const struct output_conf *c,
		       long long deadline, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
	int one = 1, rc, soerr;
	socklen_t len = sizeof(soerr);

	rc = getaddrinfo(c->host, c->port, &hints, &res);
	if (rc) {
		snprintf(err, errlen, "%s: %s", c->host, gai_strerror(rc));
		return -1;
	}
	snprintf(err, errlen, "%s port %s: no address", c->host, c->port);
	for (ai = res; ai; ai = ai->ai_next) {
		k->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
			       SOCK_CLOEXEC, ai->ai_protocol);
		if (k->fd < 0)
			continue;
		setsockopt(k->fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
		if (!connect(k->fd, ai->ai_addr, ai->ai_addrlen))
			break;
		soerr = errno;
		if (errno == EINPROGRESS) {
			rc = wait_fd(k, POLLOUT, deadline);
			soerr = rc > 0 ? 0 : rc ? ECANCELED : ETIMEDOUT;
			if (rc > 0)
				getsockopt(k->fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
			if (!soerr)
				break;
		}
		snprintf(err, errlen, "connect to %s port %s: %s", c->host,
			 c->port, strerror(soerr));
		close(k->fd);
		k->fd = -1;
	}
	freeaddrinfo(res);
	return k->fd >= 0 ? 0 : -1;
}

/* Waits as SSL asks after a call returned @ret; -1 when it failed. */
static int ssl_wait(struct conn *k, int ret, long long deadline)
{
	switch (SSL_get_error(k->ssl, ret)) {
	case SSL_ERROR_WANT_READ:
		return wait_fd(k, POLLIN, deadline) > 0 ? 0 : -1;
	case SSL_ERROR_WANT_WRITE:
		return wait_fd(k, POLLOUT, deadline) > 0 ? 0 : -1;
	}
	return -1;
}

static bool is_ip(const char *s)
{
	unsigned char a[16];

	return inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1;
}

static int tls_handshake(struct conn *k, const struct output_conf *c,
			 SSL_CTX *ctx, long long deadline, char *err,
			 size_t errlen)
{
	int ret;

	k->ssl = SSL_new(ctx);
	if (!k->ssl || !SSL_set_fd(k->ssl, k->fd)) {
		ssl_error(err, errlen, "TLS");
		return -1;
	}
	if (!is_ip(c->tls_name))
		SSL_set_tlsext_host_name(k->ssl, c->tls_name);
	if (c->tls_verify &&
	    !(is_ip(c->tls_name) ?
	      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(k->ssl), c->tls_name) :
	      SSL_set1_host(k->ssl, c->tls_name))) {
		ssl_error(err, errlen, "TLS name");
		return -1;
	}
	while ((ret = SSL_connect(k->ssl)) != 1) {
		errno = 0;
		if (!ssl_wait(k, ret, deadline))
			continue;
		if (SSL_get_verify_result(k->ssl) != X509_V_OK)
			snprintf(err, errlen, "TLS with %s: certificate: %s",
				 c->host, X509_verify_cert_error_string(
				 SSL_get_verify_result(k->ssl)));
		else
			ssl_error(err, errlen, "TLS handshake");
		return -1;
	}
	return 0;
}

int conn_open(struct conn *k, const struct output_conf *c, SSL_CTX *ctx,
	      char *err, size_t errlen)
{
	long long deadline = now_ms() + c->timeout_ms;

	k->fd = -1;
	k->ssl = NULL;
	if (tcp_connect(k, c, deadline, err, errlen))
		return -1;
	if (ctx && tls_handshake(k, c, ctx, deadline, err, errlen)) {
		conn_close(k);
		return -1;
	}
	return 0;
}

int conn_write(struct conn *k, const void *p, size_t n, unsigned int timeout_ms,
	       char *err, size_t errlen)
{
	long long deadline = now_ms() + timeout_ms;
	const char *s = p;

	while (n) {
		ssize_t w;

		if (k->ssl) {
			ERR_clear_error();
			w = SSL_write(k->ssl, s, (int)(n > 1 << 30 ? 1 << 30 : n));
			if (w <= 0) {
				errno = 0;
				if (!ssl_wait(k, (int)w, deadline))
					continue;
				ssl_error(err, errlen, "TLS write");
				return -1;
			}
		} else {
			w = send(k->fd, s, n, MSG_NOSIGNAL | MSG_DONTWAIT);
			if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
				if (wait_fd(k, POLLOUT, deadline) > 0)
					continue;
				errno = ETIMEDOUT;
			}
			if (w < 0) {
				snprintf(err, errlen, "write: %s", strerror(errno));
				return -1;
			}
		}
		s += w;
		n -= w;
	}
	return 0;
}

/* Reads and throws away what the peer sent: 1 data or nothing yet, 0 EOF, -1 error. */
static int drain_input(struct conn *k)
{
	char scratch[4096];
	ssize_t r;

	if (k->ssl) {
		ERR_clear_error();
		r = SSL_read(k->ssl, scratch, sizeof(scratch));
		if (r > 0)
			return 1;
		switch (SSL_get_error(k->ssl, (int)r)) {
		case SSL_ERROR_WANT_READ:
		case SSL_ERROR_WANT_WRITE:
			return 1;
		case SSL_ERROR_ZERO_RETURN:
			return 0;
		}
		return -1;
	}
	r = recv(k->fd, scratch, sizeof(scratch), MSG_DONTWAIT);
	if (r > 0 || (r < 0 && (errno == EAGAIN || errno == EINTR)))
		return 1;
	return r == 0 ? 0 : -1;
}

bool conn_peer_gone(struct conn *k)
{
	struct pollfd p = { k->fd, POLLIN, 0 };

	if (poll(&p, 1, 0) <= 0)
		return false;
	return drain_input(k) <= 0;
}

/*
 * The peer's TCP acknowledged every byte we sent, our FIN included. A
 * peer that had closed before our last bytes came answers them with a
 * reset instead, so its EOF alone does not prove it read them.
 */
static int all_acked(struct conn *k, long long deadline)
{
	for (;;) {
		int outq = 0, soerr = 0;
		socklen_t len = sizeof(soerr);

		if (getsockopt(k->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) ||
		    soerr) {
			errno = soerr ? soerr : errno;
			return -1;
		}
		if (ioctl(k->fd, SIOCOUTQ, &outq))
			return -1;
		if (!outq)
			return 0;
		if (now_ms() >= deadline) {
			errno = ETIMEDOUT;
			return -1;
		}
		poll(NULL, 0, 2);
	}
}

int conn_finish(struct conn *k, unsigned int timeout_ms, char *err,
		size_t errlen)
{
	long long deadline = now_ms() + timeout_ms;
	int ret, r;

	if (k->ssl) {
		while ((ret = SSL_shutdown(k->ssl)) < 0)
			if (ssl_wait(k, ret, deadline)) {
				ssl_error(err, errlen, "TLS close_notify");
				goto fail;
			}
	}
	if (shutdown(k->fd, SHUT_WR)) {
		snprintf(err, errlen, "shutdown: %s", strerror(errno));
		goto fail;
	}
	while ((r = drain_input(k)) == 1) {
		ret = wait_fd(k, POLLIN, deadline);
		if (ret <= 0) {
			snprintf(err, errlen, "no close from the collector %s",
				 ret ? "(stopping)" : "in time");
			goto fail;
		}
	}
	if (r < 0) {
		if (k->ssl)
			ssl_error(err, errlen, "closing");
		else
			snprintf(err, errlen, "closing: %s", strerror(errno));
		goto fail;
	}
	if (all_acked(k, deadline)) {
		snprintf(err, errlen, "closing: not all acknowledged: %s",
			 strerror(errno));
		goto fail;
	}
	conn_close(k);
	return 0;
fail:
	conn_close(k);
	return -1;
}

void conn_close(struct conn *k)
{
	if (k->ssl)
		SSL_free(k->ssl);
	if (k->fd >= 0)
		close(k->fd);
	k->ssl = NULL;
	k->fd = -1;
}
