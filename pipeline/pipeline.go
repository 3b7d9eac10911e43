// Package pipeline assembles the one request chain every vendor client sends
// through, so its order is written down once:
//
//	[action (#Action= → ?Action=)] → retry → sign → typed errors → body limit → send
//
// Retry sits above signing so that every attempt is signed afresh; typed
// errors sit below it so that retry decides on the vendor's status and code.
// The body limit sits right above sending, so no step reads more than
// Config.MaxResponseBytes of a response.
package pipeline

import (
	"net/http"
	"time"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/internal/httpbody"
	"github.com/cachesdk/cachesdk/payload"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/rpc"
	"github.com/cachesdk/cachesdk/signer"
)

// DefaultHTTPClient sends for every client built without its own, so they
// share one connection pool. As aws-sdk-go-v2's default client does, it
// bounds each phase on the transport (dial 30s, TLS handshake 10s, waiting
// for the response headers 60s) instead of the whole exchange with
// http.Client.Timeout, whose per-request timer and context cost about 5
// allocations and a microsecond on every call (bench/); a deadline for a
// whole call is the caller's context's.
var DefaultHTTPClient = &http.Client{Transport: defaultTransport()}

func defaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone() // dial 30s, TLS 10s, idle 90s, proxy from env
	t.ResponseHeaderTimeout = 60 * time.Second
	t.MaxIdleConnsPerHost = 10 // one API host, concurrent calls
	return t
}

// Config names the parts of one vendor's chain.
type Config struct {
	Send   doer.Doer        // nil: DefaultHTTPClient
	Retry  *retry.Policy    // nil: retry.Default
	Signer signer.Signer    // required
	Errors apierror.Decoder // required: the vendor's failure report
	RPC    bool             // the API selects actions with ?Action= (specs/README.md)
	// MaxResponseBytes bounds every response body, in bytes: a longer one
	// (or a Content-Length announcing one) fails the call with a
	// *payload.TooLargeError, read no further. 0 or less: the default,
	// payload.DefaultMaxBytes (32 MiB). Memory held by concurrent calls is
	// at most about this many bytes each.
	MaxResponseBytes int64
}

// New returns the chain for c.
func New(c Config) doer.Doer {
	send := c.Send
	if send == nil {
		send = DefaultHTTPClient
	}
	policy := retry.Default
	if c.Retry != nil {
		policy = *c.Retry
	}
	var action doer.Middleware
	if c.RPC {
		action = rpc.Action()
	}
	return doer.Chain(send, action, retry.Middleware(policy), signer.Middleware(c.Signer), apierror.Middleware(c.Errors),
		LimitBodies(c.MaxResponseBytes))
}

// LimitBodies is the body-limit step: it makes every response body fail with
// a *payload.TooLargeError past max bytes (max <= 0: payload.DefaultMaxBytes),
// and the SDK's body reader stop there. Exported for chains assembled by hand.
func LimitBodies(max int64) doer.Middleware {
	if max <= 0 {
		max = payload.DefaultMaxBytes
	}
	return func(next doer.Doer) doer.Doer {
		return doer.Func(func(req *http.Request) (*http.Response, error) {
			resp, err := next.Do(req)
			if err == nil && resp != nil {
				httpbody.Limit(resp, max)
			}
			return resp, err
		})
	}
}
