// Package pipeline assembles the one request chain every vendor client sends
// through, so its order is written down once:
//
//	[action (#Action= → ?Action=)] → retry → sign → typed errors → send
//
// Retry sits above signing so that every attempt is signed afresh; typed
// errors sit below it so that retry decides on the vendor's status and code.
package pipeline

import (
	"fmt"
	"net/http"
	"time"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
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
}

// New returns the chain for c, or an error naming the field when c.Retry is
// invalid (a negative MaxAttempts or delay; retry.Policy.Validate).
func New(c Config) (doer.Doer, error) {
	send := c.Send
	if send == nil {
		send = DefaultHTTPClient
	}
	policy := retry.Default
	if c.Retry != nil {
		policy = *c.Retry
	}
	if err := policy.Validate(); err != nil {
		return nil, fmt.Errorf("Config.Retry: %w", err)
	}
	var action doer.Middleware
	if c.RPC {
		action = rpc.Action()
	}
	return doer.Chain(send, action, retry.Middleware(policy), signer.Middleware(c.Signer), apierror.Middleware(c.Errors)), nil
}
