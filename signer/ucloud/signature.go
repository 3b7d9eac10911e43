package ucloud

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/cachesdk/cachesdk/secret"
)

// param is one flattened parameter.
type param struct{ Name, Value string }

// Signature is lowercase hex(SHA1(k1 + v1 + k2 + v2 + … + privateKey)) over
// params sorted by name (byte order). Signature itself and empty values are
// left out, as the signer leaves them out; a server-side verifier passes the
// parameters it received as they are.
func Signature(params map[string]string, privateKey string) string {
	ps := make([]param, 0, len(params))
	for k, v := range params {
		if k != "Signature" && v != "" {
			ps = append(ps, param{k, v})
		}
	}
	sortParams(ps)
	var out [2 * sha1.Size]byte
	appendSignature(out[:0], nil, ps, secret.New(privateKey))
	return string(out[:])
}

// appendSignature appends the hex signature of sorted params to dst, using
// scratch for the signed string; it allocates nothing once scratch is grown.
func appendSignature(dst, scratch []byte, sorted []param, privateKey secret.String) ([]byte, []byte) {
	scratch = scratch[:0]
	for _, p := range sorted {
		scratch = append(scratch, p.Name...)
		scratch = append(scratch, p.Value...)
	}
	scratch = privateKey.AppendTo(scratch)
	sum := sha1.Sum(scratch)
	clear(scratch) // the scratch held the private key
	return hex.AppendEncode(dst, sum[:]), scratch
}

func sortParams(ps []param) {
	slices.SortFunc(ps, func(a, b param) int { return strings.Compare(a.Name, b.Name) })
}
