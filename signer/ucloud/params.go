package ucloud

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/cachesdk/cachesdk/signer/internal/rfc3986"
)

var errEscape = errors.New("ucloud: the parameters have an invalid percent-escape")

// parseParams appends the parameters of a query or form string to dst.
// Parameters the signer owns, and empty ones, are dropped. Unescaping
// allocates only for parts that carry escapes.
func parseParams(dst []param, raw string) ([]param, error) {
	for raw != "" {
		var seg string
		seg, raw, _ = strings.Cut(raw, "&")
		if seg == "" {
			continue
		}
		k, v, _ := strings.Cut(seg, "=")
		k, err := url.QueryUnescape(k)
		if err != nil {
			return nil, errEscape
		}
		if k == "" {
			return nil, errors.New("ucloud: a parameter has an empty name")
		}
		if owned(k) { // replaced anyway: spare unescaping the value
			continue
		}
		if v, err = url.QueryUnescape(v); err != nil {
			return nil, errEscape
		}
		if v == "" {
			continue
		}
		dst = append(dst, param{k, v})
	}
	return dst, nil
}

// owned reports the parameters the signer sets itself.
func owned(name string) bool {
	return name == "Signature" || name == "PublicKey" || name == "SecurityToken"
}

// checkSorted refuses a parameter named twice (which value the server would
// take is not documented) and a request without Action.
func checkSorted(ps []param) error {
	action := false
	for i, p := range ps {
		if i > 0 && ps[i-1].Name == p.Name {
			return fmt.Errorf("ucloud: parameter %s appears more than once", p.Name)
		}
		action = action || p.Name == "Action"
	}
	if !action {
		return ErrNoAction
	}
	return nil
}

// appendEncoded appends the sorted parameters and the signature as a query
// or form string, RFC 3986-encoded (a space is %20, which both readers take).
func appendEncoded(dst []byte, ps []param, sig []byte) []byte {
	for _, p := range ps {
		dst = rfc3986.Append(dst, p.Name)
		dst = append(dst, '=')
		dst = rfc3986.Append(dst, p.Value)
		dst = append(dst, '&')
	}
	dst = append(dst, "Signature="...)
	return append(dst, sig...)
}
