// Package retry resends failed requests with capped, jittered exponential
// backoff. It sits first in the doer chain so that every attempt passes
// through signing again (fresh timestamp and nonce) before it is sent.
//
// What is retried depends on what the operation does, declared per operation
// in the specs (x-retry) and carried in the request context by the generated
// client (package operation), not on the HTTP method: RestartOrFlushInstances
// is a PUT, yet a second attempt restarts the instance a second time.
//
//   - Every operation is retried when the request provably never reached the
//     server (the connection could not be dialled) and when the server
//     refused it unseen (a throttled error, 429).
//   - Reads and idempotent writes (operation.Read, operation.Idempotent) are
//     also retried on network errors (a reset, an unexpected EOF, a timeout
//     waiting for the response headers) and on errors that say they are
//     transient (apierror.Error: HTTP 500, 502, 503, 504).
//   - Non-idempotent operations (create, restart, flush, back up, restore…)
//     are not retried otherwise: the server may have acted.
//   - A request without operation info (not from a generated client) is a read
//     for GET, HEAD and OPTIONS and non-idempotent for any other method.
//   - Nothing is retried once the caller's context is done.
//
// Retry decides through small behaviour interfaces on the error
// (RetryableError, ThrottledError, RetryAfterError), as aws-sdk-go-v2's
// aws/retry does, so any error type can take part; *apierror.Error
// implements all three.
package retry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/operation"
)

// RetryableError is implemented by errors that know whether their failure is
// transient: a later attempt of the same request might succeed (for
// *apierror.Error: HTTP 429, 500, 502, 503, 504). Whether it is sent again
// still depends on the operation's safety (package comment).
type RetryableError interface {
	Retryable() bool
}

// ThrottledError is implemented by errors that know whether the server
// refused the request without acting on it because of a rate limit (HTTP
// 429). A throttled request is retried whatever the operation.
type ThrottledError interface {
	Throttled() bool
}

// RetryAfterError is implemented by errors that carry the server's wish for
// how long to wait before the next attempt (the Retry-After header, as
// delay-seconds or an HTTP-date). ok is false when the server said nothing.
// The delay is capped by Policy.MaxDelay.
type RetryAfterError interface {
	RetryAfter() (d time.Duration, ok bool)
}

// Default values of Policy's fields.
const (
	DefaultMaxAttempts = 3
	DefaultBaseDelay   = 200 * time.Millisecond
	DefaultMaxDelay    = 5 * time.Second
)

// Policy says how often and how long to retry. The zero value of a field
// takes its default; a negative value is an error (Validate), which the
// vendor constructors return.
type Policy struct {
	// MaxAttempts counts attempts in all, the first included: 0 means
	// DefaultMaxAttempts (3), 1 disables retries, negative is an error.
	MaxAttempts int
	// BaseDelay is the ceiling of the first backoff; 0 means
	// DefaultBaseDelay (200ms). Each retry doubles the ceiling; the delay
	// is drawn uniformly below it (full jitter).
	BaseDelay time.Duration
	// MaxDelay caps one backoff and any Retry-After the server asks for
	// (an absurd Retry-After waits MaxDelay, never overflows); 0 means
	// DefaultMaxDelay (5s).
	MaxDelay time.Duration
	// Retryable decides whether the attempt's outcome may be retried;
	// default Retryable (package comment).
	Retryable func(req *http.Request, err error) bool
	// Sleep waits d or until ctx is done; tests replace it to observe the
	// delays without waiting. Default: a timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Default is the policy the vendor clients use unless told otherwise.
var Default = Policy{}

// Validate returns an error naming the field when p has a negative
// MaxAttempts, BaseDelay or MaxDelay.
func (p Policy) Validate() error {
	switch {
	case p.MaxAttempts < 0:
		return fmt.Errorf("retry.Policy.MaxAttempts is %d: want 0 (the default, %d attempts) or more; 1 disables retries", p.MaxAttempts, DefaultMaxAttempts)
	case p.BaseDelay < 0:
		return fmt.Errorf("retry.Policy.BaseDelay is %v: want 0 (the default, %v) or more", p.BaseDelay, DefaultBaseDelay)
	case p.MaxDelay < 0:
		return fmt.Errorf("retry.Policy.MaxDelay is %v: want 0 (the default, %v) or more", p.MaxDelay, DefaultMaxDelay)
	}
	return nil
}

func (p Policy) withDefaults() Policy {
	if p.MaxAttempts == 0 {
		p.MaxAttempts = DefaultMaxAttempts
	}
	if p.BaseDelay == 0 {
		p.BaseDelay = DefaultBaseDelay
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.Retryable == nil {
		p.Retryable = Retryable
	}
	if p.Sleep == nil {
		p.Sleep = Sleep
	}
	return p
}

// Middleware retries per p. A request whose body cannot be replayed (no
// GetBody) is sent once. An invalid p (see Validate) sends nothing: every
// call returns the validation error (pipeline.New reports it at construction
// instead).
func Middleware(p Policy) doer.Middleware {
	if err := p.Validate(); err != nil {
		return func(doer.Doer) doer.Doer {
			return doer.Func(func(*http.Request) (*http.Response, error) { return nil, err })
		}
	}
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

// delay is the server's Retry-After when the error carries one, else
// full-jitter exponential backoff; both capped by MaxDelay.
func (p Policy) delay(attempt int, err error) time.Duration {
	var ra RetryAfterError
	if errors.As(err, &ra) {
		if d, ok := ra.RetryAfter(); ok {
			return min(max(d, 0), p.MaxDelay)
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
	if req.Context().Err() != nil || errors.Is(err, context.Canceled) {
		return false // the caller gave up
	}
	var th ThrottledError
	if errors.As(err, &th) && th.Throttled() {
		return true // refused unseen
	}
	if neverSent(err) {
		return true
	}
	if !Safety(req).Repeatable() {
		return false // the server may have acted
	}
	var re RetryableError
	if errors.As(err, &re) {
		return re.Retryable()
	}
	return isNetwork(err)
}

// Safety is the retry safety of req: its operation's x-retry when a
// generated client sent it, else Read for GET, HEAD and OPTIONS and
// NonIdempotent for any other method.
func Safety(req *http.Request) operation.Safety {
	if info, ok := operation.FromContext(req.Context()); ok {
		return info.Safety
	}
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return operation.Read
	}
	return operation.NonIdempotent
}

// neverSent reports an error from before any byte reached the server: the
// connection could not be made (refused, unreachable, DNS).
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// isNetwork reports a transport failure after the request may have been
// sent: a reset, a closed connection, an unexpected EOF, a timeout (which
// net/http reports as a net.Error wrapping context.DeadlineExceeded even
// though the caller's context is alive).
func isNetwork(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE)
}

// Sleep waits d or until ctx is done, whichever comes first, and returns
// ctx's error in the second case: the default of Policy.Sleep (and of
// waiter.Config.Sleep).
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
