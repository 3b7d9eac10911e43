// Package rfc3986 is the percent-encoding every vendor signature uses:
// unreserved bytes (A-Z a-z 0-9 - _ . ~) stay, every other byte of the
// UTF-8 form becomes %XX with upper-case hex (space is %20, never "+").
// One implementation for all signers, so they cannot drift apart.
package rfc3986

// Append appends the encoding of s to dst. It runs on every signing, so
// runs of unreserved bytes are copied at once and nothing is allocated
// beyond dst's growth.
func Append[T string | []byte](dst []byte, s T) []byte {
	const hexUpper = "0123456789ABCDEF"
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && unreserved[s[j]] {
			j++
		}
		dst = append(dst, s[i:j]...)
		if j == len(s) {
			break
		}
		c := s[j]
		dst = append(dst, '%', hexUpper[c>>4], hexUpper[c&15])
		i = j + 1
	}
	return dst
}

var unreserved = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~'
	}
	return t
}()
