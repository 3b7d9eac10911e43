// Package verifier checks request signatures on the server side, the way the
// vendors' gateways do. It is written apart from signer/ on purpose: the
// conformance tests verify what the client sent with code that shares
// nothing with the code that signed it, so one bug cannot hide itself.
//
// Errors name what is wrong, never a secret or the expected signature.
package verifier

import "net/http"

// Verifier accepts or rejects one received request.
type Verifier interface {
	Verify(r *http.Request, body []byte) error
}
