package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/operation"
)

// Middleware is where a caller's own steps plug into the chain, for metrics,
// tracing or wire logging, without rebuilding it:
//
//	[action] → PerCall… → log → retry → sign → log → PerAttempt… → typed errors → send
//
// PerCall steps run once per call, before retry: they see the request as
// the generated client built it (unsigned) and the call's final outcome (a
// span per call). PerAttempt steps run once per attempt, after signing:
// they see each signed request (signature and token headers included:
// never log those) and each attempt's outcome, already a typed
// *apierror.Error for an error status. The first step of each list is the
// outermost. A step must pass the request on (next.Do) and return what it
// got, or its own error.
type Middleware struct {
	PerCall    []doer.Middleware
	PerAttempt []doer.Middleware
}

// ErrNoResponse is returned for a caller's Middleware step that returned
// neither a response nor an error.
var ErrNoResponse = errors.New("pipeline: a Middleware step returned neither a response nor an error")

// guarded wraps each of the caller's steps so that one returning (nil, nil)
// is an error, not a nil response for the generated parser.
func guarded(mws []doer.Middleware) []doer.Middleware {
	out := make([]doer.Middleware, len(mws))
	for i, m := range mws {
		out[i] = func(next doer.Doer) doer.Doer {
			d := m(next)
			return doer.Func(func(req *http.Request) (*http.Response, error) {
				resp, err := d.Do(req)
				if resp == nil && err == nil {
					return nil, ErrNoResponse
				}
				return resp, err
			})
		}
	}
	return out
}

// Version is this SDK's version as the User-Agent sends it: the module's
// version when the program was built with it as a dependency, "dev" when
// built from its own source tree.
var Version = func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "github.com/cachesdk/cachesdk" && m.Version != "" && m.Version != "(devel)" {
				return m.Version
			}
		}
	}
	return "dev"
}()

// UserAgent is the User-Agent every request sends unless the caller set
// one: cachesdk/<version> (<go version>; <os>/<arch>).
var UserAgent = fmt.Sprintf("cachesdk/%s (%s; %s/%s)", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)

// userAgent sets User-Agent on a request that has none, in place as the
// signer does (per call: every attempt is a clone of it).
func userAgent() doer.Middleware {
	return func(next doer.Doer) doer.Doer {
		return doer.Func(func(req *http.Request) (*http.Response, error) {
			if req.Header.Get("User-Agent") == "" {
				req.Header.Set("User-Agent", UserAgent)
			}
			return next.Do(req)
		})
	}
}

// callKey keys the per-call attempt counter in a request's context.
type callKey struct{}

// logCalls logs one record per call: operation, attempts, HTTP status,
// vendor code, request id, duration and, for a transport error, its
// (redacted) text. Never a header, a query, a body, a vendor message or a
// secret.
func logCalls(l *slog.Logger) doer.Middleware {
	return func(next doer.Doer) doer.Doer {
		return doer.Func(func(req *http.Request) (*http.Response, error) {
			var attempts atomic.Int64
			ctx := context.WithValue(req.Context(), callKey{}, &attempts)
			start := time.Now()
			resp, err := next.Do(req.WithContext(ctx))
			attrs := outcome(req, resp, err, time.Since(start))
			attrs = append(attrs, slog.Int64("attempts", attempts.Load()))
			level, msg := slog.LevelInfo, "call"
			if err != nil {
				level, msg = slog.LevelWarn, "call failed"
			}
			l.LogAttrs(ctx, level, msg, attrs...)
			return resp, err
		})
	}
}

// logAttempts numbers each attempt and logs one record (Debug) per attempt
// that failed: the ones retry may send again.
func logAttempts(l *slog.Logger) doer.Middleware {
	return func(next doer.Doer) doer.Doer {
		return doer.Func(func(req *http.Request) (*http.Response, error) {
			n := int64(1)
			if c, ok := req.Context().Value(callKey{}).(*atomic.Int64); ok {
				n = c.Add(1)
			}
			start := time.Now()
			resp, err := next.Do(req)
			if err != nil || (resp != nil && resp.StatusCode >= 400) {
				attrs := append(outcome(req, resp, err, time.Since(start)), slog.Int64("attempt", n))
				l.LogAttrs(req.Context(), slog.LevelDebug, "attempt failed", attrs...)
			}
			return resp, err
		})
	}
}

// outcome is what a record says of one exchange.
func outcome(req *http.Request, resp *http.Response, err error, d time.Duration) []slog.Attr {
	attrs := []slog.Attr{slog.String("operation", operation.Name(req.Context()))}
	status, code, reqID := 0, "", ""
	if resp != nil {
		status = resp.StatusCode
		reqID = resp.Header.Get("X-Request-Id")
	}
	var apiErr *apierror.Error
	if errors.As(err, &apiErr) {
		status, code = apiErr.StatusCode, apiErr.Code
		if apiErr.RequestID != "" {
			reqID = apiErr.RequestID
		}
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if code != "" {
		attrs = append(attrs, slog.String("code", code))
	}
	if reqID != "" {
		attrs = append(attrs, slog.String("request_id", reqID))
	}
	attrs = append(attrs, slog.Duration("duration", d))
	if err != nil && apiErr == nil {
		// a transport error without its URL (the query holds the caller's
		// filters); a vendor error is logged by its status and code only:
		// its message is server text that may echo what was sent
		text := err.Error()
		var ue *url.Error
		if errors.As(err, &ue) && ue.Err != nil {
			text = ue.Op + ": " + ue.Err.Error()
		}
		attrs = append(attrs, slog.String("error", text))
	}
	return attrs
}
