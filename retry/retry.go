// Package retry resends failed requests with capped, jittered exponential
// backoff. It sits first in the doer chain so that every attempt passes
// through signing again (fresh timestamp and nonce) before it is sent.
//
// What is retried is conservative on purpose: these APIs have no idempotency
// tokens, so a create that reached the server must not be sent twice.
// Idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) are retried on network
// errors and on 429, 500, 502, 503 and 504; other methods (POST, PATCH) only
// when the connection could not be made or the server said 429 (it did not
// take the request).
package retry

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
)

// Policy says how often and how long to retry. The zero value of a field
// takes its default.
type Policy struct {
	MaxAttempts int           // attempts in all, first included; default 3, 1 disables retries
	BaseDelay   time.Duration // first backoff; default 200ms
	MaxDelay    time.Duration // cap of one backoff and of a Retry-After; default 5s
	// Retryable decides whether the attempt's outcome may be retried;
	// default Retryable.
	Retryable func(req *http.Request, err error) bool
	// Sleep waits d or until ctx is done; tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Default is the policy the vendor clients use unless told otherwise.
var Default = Policy{}

func (p Policy) withDefaults() Policy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 3
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 200 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 5 * time.Second
	}
	if p.Retryable == nil {
		p.Retryable = Retryable
	}
	if p.Sleep == nil {
		p.Sleep = sleep
	}
	return p
}

// Middleware retries per p. A request whose body cannot be replayed (no
// GetBody) is sent once.
func Middleware(p Policy) doer.Middleware {
	p = p.withDefaults()
	return func(next doer.Doer) doer.Doer {
		return doer.Func(func(req *http.Request) (*http.Response, error) {
			ctx := req.Context()
			attempt := req
			for n := 1; ; n++ {
				resp, err := next.Do(attempt)
				if err == nil || n >= p.MaxAttempts || !p.Retryable(req, err) ||
					(req.Body != nil && req.Body != http.NoBody && req.GetBody == nil) {
					return resp, err
				}
				if werr := p.Sleep(ctx, p.delay(n, err)); werr != nil {
					return nil, errors.Join(err, werr)
				}
				// A fresh request per attempt: the signer rewrites the URL and
				// headers, and the body must be read again from the start.
				attempt = req.Clone(ctx)
				if req.GetBody != nil {
					body, berr := req.GetBody()
					if berr != nil {
						return nil, fmt.Errorf("retry: rewinding the request body: %w", berr)
					}
					attempt.Body = body
				}
			}
		})
	}
}

// delay is full-jitter exponential backoff, or the server's Retry-After
// (seconds) when it sent one, capped by MaxDelay.
func (p Policy) delay(attempt int, err error) time.Duration {
	var ae *apierror.Error
	if errors.As(err, &ae) && ae.Header != nil {
		if s, perr := strconv.Atoi(ae.Header.Get("Retry-After")); perr == nil && s >= 0 {
			return min(time.Duration(s)*time.Second, p.MaxDelay)
		}
	}
	ceiling := p.BaseDelay << min(attempt-1, 20)
	if ceiling <= 0 || ceiling > p.MaxDelay {
		ceiling = p.MaxDelay
	}
	return rand.N(ceiling) + 1
}

// Retryable is the default decision; see the package comment.
func Retryable(req *http.Request, err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	idempotent := false
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		idempotent = true
	}
	var ae *apierror.Error
	if errors.As(err, &ae) {
		switch ae.StatusCode {
		case http.StatusTooManyRequests:
			return true
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return idempotent
		}
		return false
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true // nothing reached the server
	}
	return idempotent
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
