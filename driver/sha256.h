/*
 * sha256.h - SHA-256 (FIPS 180-4), for cache keys and module identity.
 */
#ifndef W2N_SHA256_H
#define W2N_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct w2n_sha256 {
	uint32_t h[8];
	uint64_t length; /* bytes hashed so far */
	uint8_t block[64];
	size_t used;
} w2n_sha256;

void w2n_sha256_init(w2n_sha256 *s);
void w2n_sha256_update(w2n_sha256 *s, const void *data, size_t len);
void w2n_sha256_final(w2n_sha256 *s, uint8_t digest[32]);

/* The digest of data[0..len) as 64 lower-case hex digits and a NUL. */
void w2n_sha256_hex(const void *data, size_t len, char out[65]);

#endif
