// Package pipeline assembles the one request chain every vendor client sends
// through, so its order is written down once:
//
//	[action (#Action= → ?Action=)] → User-Agent → [caller per call] → [log]
//	→ retry → sign → [caller per attempt] → [log] → typed errors → body limit → send
//
// Retry sits above signing so that every attempt is signed afresh; typed
// errors sit below it so that retry decides on the vendor's status and code.
// The body limit sits right above sending, so no step reads more than
// Config.MaxResponseBytes of a response.
//
// The send step (Send) is the bottom of every chain, for all vendors: it
// never follows a redirect (a 301, 302, 303, 307 or 308 comes back as an
// *origin.RedirectError and nothing is sent to its target), and it redacts
// the signed URL in a transport error (a refused connection, reset, timeout
// or cancelled context) while errors.Is and errors.As keep working.
package pipeline

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/internal/httpbody"
	"github.com/cachesdk/cachesdk/internal/redact"
	"github.com/cachesdk/cachesdk/origin"
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
//
// It never follows a redirect (CheckRedirect is NoRedirects, so the 3xx
// response itself comes back and Send turns it into an
// *origin.RedirectError): these APIs never redirect, and following one would
// send the credentials and the body to whoever the Location names.
var DefaultHTTPClient = &http.Client{Transport: defaultTransport(), CheckRedirect: NoRedirects}

// DefaultMaxIdleConns is how many idle connections DefaultHTTPClient keeps
// in all and per host (net/http's defaults are 100 and 2).
const DefaultMaxIdleConns = 256

// NoRedirects is an http.Client CheckRedirect that follows no redirect: the
// redirect response is returned as it is, and nothing is sent to its
// Location.
func NoRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func defaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone() // dial 30s, TLS 10s, idle 90s, proxy from env
	t.ResponseHeaderTimeout = 60 * time.Second
	// One API host, many concurrent callers (a controller polling hundreds
	// of instances): keep as many idle connections as callers, so that 200
	// goroutines sharing a client reuse connections instead of doing a TLS
	// handshake on one call in three (bench/: issue 15). Both caps: the
	// overall MaxIdleConns (100 in net/http) would cap the per-host one.
	// Change them with Config.HTTPClient and a Transport of your own.
	t.MaxIdleConns = DefaultMaxIdleConns
	t.MaxIdleConnsPerHost = DefaultMaxIdleConns
	return t
}

// Config names the parts of one vendor's chain.
type Config struct {
	// Send sends the signed request; nil: DefaultHTTPClient. It is wrapped
	// by Send (see there): an *http.Client is used through a copy that
	// follows no redirect; any other Doer must not follow redirects itself.
	Send   doer.Doer
	Retry  *retry.Policy    // nil: retry.Default
	Signer signer.Signer    // required
	Errors apierror.Decoder // required: the vendor's failure report
	RPC    bool             // the API selects actions with ?Action= (specs/README.md)
	// MaxResponseBytes bounds every response body, in bytes: a longer one
	// (or a Content-Length announcing one) fails the call with a
	// *payload.TooLargeError, read no further. 0: the default,
	// payload.DefaultMaxBytes (32 MiB); negative: an error from New. Memory
	// held by concurrent calls is at most about this many bytes each.
	MaxResponseBytes int64
	// Logger, when set, gets one record per call (Info, Warn when it
	// failed) and one per failed attempt (Debug): operation, attempt(s),
	// HTTP status, vendor code, request id, duration and a transport
	// error's redacted text. Never a header, a query, a body, a vendor
	// message or a secret. nil: silent.
	Logger *slog.Logger
	// Middleware adds the caller's own steps, per call and per attempt.
	Middleware Middleware
}

// New returns the chain for c, or an error naming the field when c.Retry is
// invalid (a negative MaxAttempts or delay; retry.Policy.Validate). Its last
// step is Send(c.Send): no redirect is followed, transport errors are
// redacted.
func New(c Config) (doer.Doer, error) {
	send := Send(c.Send)
	policy := retry.Default
	if c.Retry != nil {
		policy = *c.Retry
	}
	if err := policy.Validate(); err != nil {
		return nil, fmt.Errorf("Config.Retry: %w", err)
	}
	if c.Signer == nil {
		return nil, errors.New("pipeline: Config.Signer is required")
	}
	if c.Errors == nil {
		return nil, errors.New("pipeline: Config.Errors is required")
	}
	if c.MaxResponseBytes < 0 {
		return nil, fmt.Errorf("pipeline: Config.MaxResponseBytes is negative (%d)", c.MaxResponseBytes)
	}
	var steps []doer.Middleware
	if c.RPC {
		steps = append(steps, rpc.Action())
	}
	steps = append(steps, userAgent())
	steps = append(steps, guarded(c.Middleware.PerCall)...)
	if c.Logger != nil {
		steps = append(steps, logCalls(c.Logger))
	}
	steps = append(steps, retry.Middleware(policy), signer.Middleware(c.Signer))
	if c.Logger != nil {
		// above the caller's per-attempt steps, so an attempt they fail is
		// counted and logged too
		steps = append(steps, logAttempts(c.Logger))
	}
	steps = append(steps, guarded(c.Middleware.PerAttempt)...)
	steps = append(steps, apierror.Middleware(c.Errors), LimitBodies(c.MaxResponseBytes))
	return doer.Chain(send, steps...), nil
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

// Send returns the bottom step of a chain, sending with d (nil, or a nil
// *http.Client: DefaultHTTPClient):
//
//   - An *http.Client is used through a shallow copy whose CheckRedirect is
//     NoRedirects (the caller's client is not modified; its Transport, Jar
//     and Timeout are kept). A client with neither Jar nor Timeout (such as
//     DefaultHTTPClient) has nothing for http.Client to add to its
//     Transport but the copying of headers for redirects it will not
//     follow, so its Transport's RoundTrip is called directly (issue 15:
//     five allocations less per call); errors are still *url.Error, with
//     http.Client's Op and URL. Any other Doer must not follow redirects itself:
//     it must return the 3xx response as it is (a redirect it followed
//     anyway, seen as a response whose Request has another origin, is
//     refused too, but only after the fact).
//   - A 301, 302, 303, 307 or 308 response comes back as an
//     *origin.RedirectError naming the status and the Location's origin
//     (never its path or query); its body is closed.
//   - A transport error has the signed URL redacted from its text
//     (internal/redact: signature, token and key parameters; credential
//     headers never appear); errors.Is/As still find context.Canceled,
//     context.DeadlineExceeded, *net.OpError and *url.Error.
func Send(d doer.Doer) doer.Doer {
	if d == nil {
		d = DefaultHTTPClient
	}
	d = sender(d)
	return doer.Func(func(req *http.Request) (*http.Response, error) {
		resp, err := d.Do(req)
		if err != nil {
			if resp != nil && resp.Body != nil {
				resp.Body.Close()
			}
			return nil, redact.Error(err, req)
		}
		if resp == nil {
			return nil, redact.Error(errNoResponse, req)
		}
		followed := false
		if resp.Request != nil && resp.Request != req {
			if o := origin.Of(resp.Request.URL); o != "" && o != origin.Of(req.URL) {
				followed = true
			}
		}
		if origin.IsRedirect(resp.StatusCode) || followed {
			rerr := origin.NewRedirectError(req, resp)
			if followed {
				rerr = &origin.RedirectError{StatusCode: redirectStatus(resp), Origin: origin.Of(resp.Request.URL)}
			}
			drain(resp.Body)
			return nil, rerr
		}
		return resp, nil
	})
}

// sender is what Send sends with for d (see Send).
func sender(d doer.Doer) doer.Doer {
	c, ok := d.(*http.Client)
	if ok && c == nil {
		c = DefaultHTTPClient // a typed nil is nil: http.Client.Do would panic
	}
	switch {
	case !ok:
		return d
	case c.Jar == nil && c.Timeout == 0:
		return roundTrip{c.Transport}
	default:
		cp := *c
		cp.CheckRedirect = NoRedirects
		return &cp
	}
}

// roundTrip sends with a RoundTripper as http.Client does for a client
// without Jar, Timeout or redirects (net/http/client.go, send and do): a
// nil rt is http.DefaultTransport as it is at the call; a request without
// URL, with a RequestURI or without Header is settled as there; a URL's
// user info becomes Basic authorization (on a copy of the request) unless
// it has one; a failure is a *url.Error naming the method and URL (TLS
// spoken to a plain HTTP server: http.ErrSchemeMismatch); a response
// without a body gets http.NoBody, unless its Content-Length says
// otherwise.
type roundTrip struct{ rt http.RoundTripper }

func (t roundTrip) Do(req *http.Request) (*http.Response, error) {
	switch {
	case req.URL == nil:
		closeRequestBody(req)
		return nil, urlError(req, errors.New("http: nil Request.URL"))
	case req.RequestURI != "":
		closeRequestBody(req)
		return nil, urlError(req, errors.New("http: Request.RequestURI can't be set in client requests"))
	}
	sent := req
	if u := req.URL.User; (u != nil && req.Header.Get("Authorization") == "") || req.Header == nil {
		fork := *req
		fork.Header = req.Header.Clone()
		if fork.Header == nil {
			fork.Header = http.Header{}
		}
		if u != nil && fork.Header.Get("Authorization") == "" {
			password, _ := u.Password()
			fork.SetBasicAuth(u.Username(), password)
		}
		sent = &fork
	}
	rt := t.rt
	if rt == nil {
		rt = http.DefaultTransport
	}
	resp, err := rt.RoundTrip(sent)
	if err == nil && resp == nil {
		err = errNilResponse
	}
	if err != nil {
		if resp != nil && resp.Body != nil {
			resp.Body.Close()
		}
		if tlsErr, ok := err.(tls.RecordHeaderError); ok && string(tlsErr.RecordHeader[:]) == "HTTP/" {
			err = http.ErrSchemeMismatch
		}
		return nil, urlError(req, err)
	}
	if resp.Body == nil {
		if resp.ContentLength > 0 && req.Method != http.MethodHead {
			return nil, urlError(req, fmt.Errorf("http: RoundTripper implementation (%T) returned a *Response with content length %d but a nil Body", rt, resp.ContentLength))
		}
		resp.Body = http.NoBody
	}
	return resp, nil
}

// urlError is http.Client's error for req: a *url.Error naming the method
// and the URL without its user info.
func urlError(req *http.Request, err error) error {
	op := "Get"
	if m := req.Method; m != "" {
		op = m[:1] + strings.ToLower(m[1:])
	}
	ue := &url.Error{Op: op, Err: err}
	if req.URL != nil {
		u := *req.URL
		u.User = nil // http.Client strips the password likewise
		ue.URL = u.String()
	}
	return ue
}

func closeRequestBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

// errNilResponse is a RoundTripper breaking its contract (http.Client's words).
var errNilResponse = errors.New("http: RoundTripper implementation returned a nil *Response with a nil error")

// redirectStatus is the status of the redirect that led to resp, when the
// Doer kept it, else resp's own.
func redirectStatus(resp *http.Response) int {
	if prev := resp.Request.Response; prev != nil {
		return prev.StatusCode
	}
	return resp.StatusCode
}

// errNoResponse is a Doer breaking its contract: no error and no response.
var errNoResponse = errors.New("pipeline: the Doer returned neither a response nor an error")

// drain reads a little of a refused response's body, so the connection can
// be reused, and closes it.
func drain(body io.ReadCloser) {
	if body == nil {
		return
	}
	_, _ = io.CopyN(io.Discard, body, 4<<10)
	body.Close()
}
