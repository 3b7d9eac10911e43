// Package method settles the request method every signer signs: the one
// net/http sends. HTTP methods are case-sensitive and net/http sends
// req.Method as written, so a signer that signed strings.ToUpper(method)
// would sign "GET" and send "get". The signers call Normalize first: the
// method is upper-cased in place (these APIs use only GET, POST, PUT,
// PATCH and DELETE), "" becomes GET, and a method that is not an HTTP token
// is refused, so what is signed is what is sent.
package method

import (
	"errors"
	"net/http"
	"strings"
)

// ErrInvalid is returned for a method that is not an HTTP token (RFC 9110).
var ErrInvalid = errors.New("the request method is not an HTTP token")

// Normalize upper-cases req.Method in place ("" becomes GET) and returns it;
// a method with a byte outside the token set is refused with ErrInvalid.
func Normalize(req *http.Request) (string, error) {
	m := req.Method
	if m == "" {
		req.Method = http.MethodGet
		return req.Method, nil
	}
	lower := false
	for i := 0; i < len(m); i++ {
		c := m[i]
		if !token[c] {
			return "", ErrInvalid
		}
		lower = lower || 'a' <= c && c <= 'z'
	}
	if lower {
		req.Method = strings.ToUpper(m)
	}
	return req.Method, nil
}

var token = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			strings.IndexByte("!#$%&'*+-.^_`|~", byte(c)) >= 0
	}
	return t
}()
