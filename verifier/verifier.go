// Package verifier checks request signatures on the server side, the way the
// vendors' gateways do. It is written apart from signer/ on purpose: the
// conformance tests verify what the client sent with code that shares
// nothing with the code that signed it, so one bug cannot hide itself.
//
// Errors name what is wrong, never a secret or the expected signature.
package verifier

import (
	"fmt"
	"net/http"
	"time"
)

// Verifier accepts or rejects one received request.
type Verifier interface {
	Verify(r *http.Request, body []byte) error
}

// checkSkew refuses a request time more than maxSkew (0: 15 minutes) away
// from now (nil: time.Now), as the gateways do against replays.
func checkSkew(ts time.Time, now func() time.Time, maxSkew time.Duration) error {
	if now == nil {
		now = time.Now
	}
	if maxSkew == 0 {
		maxSkew = 15 * time.Minute
	}
	if d := now().Sub(ts); d > maxSkew || d < -maxSkew {
		return fmt.Errorf("is %v away from the server clock", d.Round(time.Second))
	}
	return nil
}
