package auth

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"strings"
	"testing"
)

// compareDigests must evaluate the password comparison even when the user
// differs (and the other way round): both results are returned.
func TestCompareDigests_evaluatesBothParts(t *testing.T) {
	d := func(s string) [sha256.Size]byte { return sha256.Sum256([]byte(s)) }
	tests := []struct {
		name                   string
		user, password         string
		wantUser, wantPassword int
	}{
		{"both_right", "bob", "pw", 1, 1},
		{"wrong_user_password_still_compared", "eve", "pw", 0, 1},
		{"wrong_password_user_still_compared", "bob", "no", 1, 0},
		{"both_wrong", "eve", "no", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, p := compareDigests(d(tt.user), d(tt.password), d("bob"), d("pw"))
			if u != tt.wantUser || p != tt.wantPassword {
				t.Errorf("compareDigests = %d, %d; want %d, %d", u, p, tt.wantUser, tt.wantPassword)
			}
			want := tt.wantUser == 1 && tt.wantPassword == 1
			if got := CompareCredentials(tt.user, tt.password, "bob", "pw"); got != want {
				t.Errorf("CompareCredentials = %v, want %v", got, want)
			}
		})
	}
}

func TestBasicCredentials(t *testing.T) {
	verify := BasicCredentials(map[string]string{"bob": "pw", "amy": "pa:ss"})
	tests := []struct {
		name, user, password, wantSubject string
	}{
		{"known_user", "bob", "pw", "bob"},
		{"colon_password", "amy", "pa:ss", "amy"},
		{"other_users_password", "bob", "pa:ss", ""},
		{"unknown_user", "eve", "pw", ""},
		{"prefix_of_password", "bob", "p", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := verify(context.Background(), tt.user, tt.password)
			if tt.wantSubject == "" {
				if id != nil || !errors.Is(err, errWrongCredential) {
					t.Errorf("got %+v, %v; want the one wrong-credentials error", id, err)
				}
				return
			}
			if err != nil || id.Subject != tt.wantSubject || id.Scheme != "Basic" {
				t.Errorf("got %+v, %v", id, err)
			}
		})
	}
}

// digest hashes what sha256.Sum256 of the bytes hashes, on either side of
// the stack buffer's length.
func TestDigestIsSHA256(t *testing.T) {
	for _, n := range []int{0, 1, 32, 33, digestBuffer - 1, digestBuffer, digestBuffer + 1, MaxCredentialsLength} {
		s := strings.Repeat("abcdefghijklmnopqrstuvwxyz", n/26+1)[:n]
		if digest(s) != sha256.Sum256([]byte(s)) {
			t.Errorf("digest of %d bytes differs from sha256.Sum256", n)
		}
	}
}

// digestsEqual answers as subtle.ConstantTimeCompare: 1 for equal digests, 0
// when any one bit differs, wherever it is.
func TestDigestsEqualIsConstantTimeCompare(t *testing.T) {
	a := sha256.Sum256([]byte("token"))
	b := a
	if digestsEqual(&a, &b) != 1 {
		t.Fatal("equal digests reported different")
	}
	for bit := range sha256.Size * 8 {
		b := a
		b[bit/8] ^= 1 << (bit % 8)
		if got, want := digestsEqual(&a, &b), subtle.ConstantTimeCompare(a[:], b[:]); got != want || got != 0 {
			t.Fatalf("bit %d flipped: digestsEqual = %d, ConstantTimeCompare = %d", bit, got, want)
		}
	}
	for i := range 100 {
		c := sha256.Sum256([]byte{byte(i)})
		if got, want := digestsEqual(&a, &c), subtle.ConstantTimeCompare(a[:], c[:]); got != want {
			t.Fatalf("digest %d: digestsEqual = %d, ConstantTimeCompare = %d", i, got, want)
		}
	}
}
