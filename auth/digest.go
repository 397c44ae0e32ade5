package auth

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
)

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

// digestsEqual returns 1 if a and b are equal and 0 otherwise, as
// subtle.ConstantTimeCompare(a[:], b[:]) does and the same way: it ORs
// together the XOR of every part of a with the same part of b and tests the
// result once, so the time taken does not depend on the contents. It does so
// eight bytes at a time instead of one, a quarter of the work per entry of a
// static table.
func digestsEqual(a, b *[sha256.Size]byte) int {
	var v uint64
	for i := 0; i < sha256.Size; i += 8 {
		v |= binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:])
	}
	return subtle.ConstantTimeEq(int32(uint32(v)|uint32(v>>32)), 0)
}
