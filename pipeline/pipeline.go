// Package pipeline assembles the one request chain every vendor client sends
// through, so its order is written down once:
//
//	[action (#Action= → ?Action=)] → retry → sign → typed errors → send
//
// Retry sits above signing so that every attempt is signed afresh; typed
// errors sit below it so that retry decides on the vendor's status and code.
package pipeline

import (
	"net/http"
	"time"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/rpc"
	"github.com/cachesdk/cachesdk/signer"
)

// Config names the parts of one vendor's chain.
type Config struct {
	Send   doer.Doer        // nil: an *http.Client with a 60s timeout
	Retry  *retry.Policy    // nil: retry.Default
	Signer signer.Signer    // required
	Errors apierror.Decoder // required: the vendor's failure report
	RPC    bool             // the API selects actions with ?Action= (specs/README.md)
}

// New returns the chain for c.
func New(c Config) doer.Doer {
	send := c.Send
	if send == nil {
		send = &http.Client{Timeout: 60 * time.Second}
	}
	policy := retry.Default
	if c.Retry != nil {
		policy = *c.Retry
	}
	var action doer.Middleware
	if c.RPC {
		action = rpc.Action()
	}
	return doer.Chain(send, action, retry.Middleware(policy), signer.Middleware(c.Signer), apierror.Middleware(c.Errors))
}
