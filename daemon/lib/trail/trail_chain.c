// SPDX-License-Identifier: GPL-2.0
/* The trail's hash chain, through OpenSSL's libcrypto. */
#include <stddef.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "log.h"
#include "trail_chain.h"

#define KEY_ID_LABEL	"c2audit trail key"

/* libcrypto fails here only when it is broken or out of memory. */
static void check(int ok, const char *what)
{
	if (!ok)
		fatalx("libcrypto: %s failed", what);
}

void chain_init(struct trail_chain *c, const struct trail_key *key)
{
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						 "SHA256", 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC *mac;

	memset(c, 0, sizeof(*c));
	if (!key) {
		c->md = EVP_MD_fetch(NULL, "SHA256", NULL);
		c->md_ctx = EVP_MD_CTX_new();
		check(c->md && c->md_ctx, "EVP_MD_fetch(SHA256)");
		return;
	}
	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	check(mac != NULL, "EVP_MAC_fetch(HMAC)");
	c->mac_ctx = EVP_MAC_CTX_new(mac);
	EVP_MAC_free(mac);
	check(c->mac_ctx != NULL, "EVP_MAC_CTX_new");
	/* Keyed once; each hash below starts again from that key. */
	check(EVP_MAC_init(c->mac_ctx, key->bytes, key->len, params),
	      "EVP_MAC_init");
}

void chain_free(struct trail_chain *c)
{
	EVP_MD_CTX_free(c->md_ctx);
	EVP_MD_free(c->md);
	EVP_MAC_CTX_free(c->mac_ctx);
	memset(c, 0, sizeof(*c));
}

static void chain_hash(struct trail_chain *c, const void *a, size_t alen,
		       const void *b, size_t blen, __u8 out[TRAIL_MAC_LEN])
{
	unsigned int mdlen = 0;
	size_t maclen = 0;

	if (c->md_ctx) {
		check(EVP_DigestInit_ex(c->md_ctx, c->md, NULL) &&
		      EVP_DigestUpdate(c->md_ctx, a, alen) &&
		      EVP_DigestUpdate(c->md_ctx, b, blen) &&
		      EVP_DigestFinal_ex(c->md_ctx, out, &mdlen) &&
		      mdlen == TRAIL_MAC_LEN, "SHA-256");
		return;
	}
	check(EVP_MAC_init(c->mac_ctx, NULL, 0, NULL) &&
	      EVP_MAC_update(c->mac_ctx, a, alen) &&
	      EVP_MAC_update(c->mac_ctx, b, blen) &&
	      EVP_MAC_final(c->mac_ctx, out, &maclen, TRAIL_MAC_LEN) &&
	      maclen == TRAIL_MAC_LEN, "HMAC-SHA-256");
}

void chain_header(struct trail_chain *c, const struct trail_file_header *h,
		  __u8 out[TRAIL_MAC_LEN])
{
	chain_hash(c, h, offsetof(struct trail_file_header, mac), "", 0, out);
}

void chain_frame(struct trail_chain *c, const __u8 prev[TRAIL_MAC_LEN],
		 const void *frame, size_t len, __u8 out[TRAIL_MAC_LEN])
{
	chain_hash(c, prev, TRAIL_MAC_LEN, frame, len, out);
}

void chain_key_id(const unsigned char *key, size_t len,
		  __u8 id[TRAIL_KEY_ID_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	check(ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) &&
	      EVP_DigestUpdate(ctx, KEY_ID_LABEL, strlen(KEY_ID_LABEL)) &&
	      EVP_DigestUpdate(ctx, key, len) &&
	      EVP_DigestFinal_ex(ctx, md, &mdlen), "SHA-256");
	EVP_MD_CTX_free(ctx);
	memcpy(id, md, TRAIL_KEY_ID_LEN);
}
