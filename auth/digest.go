package auth

import "crypto/sha256"

// digestBuffer is how long a secret digest hashes from a copy on the stack;
// a longer one is converted to a byte slice on the heap.
const digestBuffer = 256

// digest returns the SHA-256 digest of secret. A secret of up to
// digestBuffer bytes (API keys, opaque tokens, passwords) is hashed without
// allocating, where sha256.Sum256([]byte(secret)) allocates a copy of any
// secret over 32 bytes. The time taken depends only on len(secret).
func digest(secret string) [sha256.Size]byte {
	if len(secret) > digestBuffer {
		return sha256.Sum256([]byte(secret))
	}
	var buf [digestBuffer]byte
	return sha256.Sum256(buf[:copy(buf[:], secret)])
}
