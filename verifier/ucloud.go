package verifier

import (
	"crypto/sha1"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// UCloud verifies the UCloud signature of a GET or form POST request:
// SHA1 over the sorted name+value pairs followed by the private key.
type UCloud struct {
	// PrivateKey returns the private key of a public key.
	PrivateKey func(publicKey string) (string, bool)
}

// Verify recomputes the signature from the received parameters.
func (v UCloud) Verify(r *http.Request, body []byte) error {
	raw := r.URL.RawQuery
	if ct := r.Header.Get("Content-Type"); strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		raw = string(body)
	}
	params, err := url.ParseQuery(raw)
	if err != nil {
		return errors.New("ucloud signature: undecodable parameters")
	}
	for _, name := range []string{"Action", "PublicKey", "Signature"} {
		if len(params[name]) != 1 {
			return fmt.Errorf("ucloud signature: want exactly one %s", name)
		}
	}
	priv, ok := v.PrivateKey(params.Get("PublicKey"))
	if !ok {
		return fmt.Errorf("ucloud signature: unknown PublicKey %q", params.Get("PublicKey"))
	}
	names := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	h := sha1.New()
	for _, k := range names {
		if len(params[k]) != 1 {
			return fmt.Errorf("ucloud signature: parameter %s given %d times", k, len(params[k]))
		}
		h.Write([]byte(k + params[k][0]))
	}
	h.Write([]byte(priv))
	want := hex.EncodeToString(h.Sum(nil))
	if subtle.ConstantTimeCompare([]byte(want), []byte(params.Get("Signature"))) != 1 {
		return errors.New("ucloud signature: signature does not match")
	}
	return nil
}
