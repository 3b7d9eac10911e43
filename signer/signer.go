// Package signer defines how requests are signed and where a signer plugs in.
//
// A Signer sets the authentication parameters or headers of one request in
// place. Signing is idempotent: signing the same request again replaces what
// an earlier signing set (fresh timestamp and nonce), it never duplicates it.
// The vendor algorithms live in the sub-packages (capitalonline, huaweicloud,
// ucloud).
//
// Three plug points, from most to least recommended:
//   - Middleware: a step of the doer chain, after retry, so each attempt is
//     signed again (this is what the vendor client constructors use);
//   - Transport: an http.RoundTripper wrapper, for an *http.Client of your own;
//     it signs only for the endpoint it was built for, never a redirect;
//   - Editor: an oapi-codegen request editor. Editors run when the request is
//     built, so a retry layer below it would resend a stale signature; use it
//     only without retries.
package signer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/origin"
)

// Signer signs one request in place.
type Signer interface {
	Sign(req *http.Request) error
}

// Func adapts a function to Signer.
type Func func(req *http.Request) error

// Sign calls f(req).
func (f Func) Sign(req *http.Request) error { return f(req) }

// Middleware signs every request that passes through it, then sends it on.
func Middleware(s Signer) doer.Middleware {
	return func(next doer.Doer) doer.Doer {
		return doer.Func(func(req *http.Request) (*http.Response, error) {
			if err := s.Sign(req); err != nil {
				return nil, err
			}
			return next.Do(req)
		})
	}
}

// Editor returns an oapi-codegen RequestEditorFn (func(ctx, req) error) that
// signs the request when it is built.
func Editor(s Signer) func(ctx context.Context, req *http.Request) error {
	return func(_ context.Context, req *http.Request) error { return s.Sign(req) }
}

// Transport returns a RoundTripper that signs a clone of each request (a
// RoundTripper must not modify its request) and sends it with base
// (http.DefaultTransport when nil).
//
// It signs only for endpoint, an absolute URL whose origin
// (scheme://host:port, see origin.Of) is the API's; its path is ignored. A
// request for any other origin is neither signed nor sent: RoundTrip returns
// an *origin.MismatchError. A request net/http creates by following a
// redirect (req.Response != nil), even to the same origin, is neither signed
// nor sent either: RoundTrip returns an *origin.RedirectError, so a Location
// such as "?Action=DeleteURedisGroup&GroupId=g-victim" never goes out signed.
// (Give your *http.Client a CheckRedirect that returns
// http.ErrUseLastResponse, such as pipeline.NoRedirects, to get the redirect
// response itself instead.) A request sent again by the caller, or retried
// by net/http on a fresh connection, is signed again.
//
// The error names the endpoint field when endpoint is not an absolute URL.
func Transport(s Signer, endpoint string, base http.RoundTripper) (http.RoundTripper, error) {
	if s == nil {
		return nil, errors.New("signer.Transport: the Signer is nil")
	}
	u, err := url.Parse(endpoint)
	if err != nil || origin.Of(u) == "" {
		return nil, errors.New("signer.Transport: endpoint must be an absolute URL (scheme://host[:port])")
	}
	if base == nil {
		base = http.DefaultTransport
	}
	return roundTripper{s: s, origin: origin.Of(u), base: base}, nil
}

type roundTripper struct {
	s      Signer
	origin string
	base   http.RoundTripper
}

func (t roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	refuse := func(err error) (*http.Response, error) {
		if req.Body != nil {
			req.Body.Close() // the RoundTripper contract: the body is closed even on error
		}
		return nil, err
	}
	if req.Response != nil {
		return refuse(&origin.RedirectError{StatusCode: req.Response.StatusCode, Origin: origin.Of(req.URL)})
	}
	if o := origin.Of(req.URL); o != t.origin {
		return refuse(&origin.MismatchError{Origin: o, Endpoint: t.origin})
	}
	clone := req.Clone(req.Context())
	if err := t.s.Sign(clone); err != nil {
		return refuse(err)
	}
	return t.base.RoundTrip(clone)
}

// HashBody writes the exact bytes the request will send into h, leaving the
// request able to send them, and returns how many there were. A body from
// GetBody (the generated clients set it) is streamed without a copy; any
// other is read once and replaced as Body does.
func HashBody(req *http.Request, h io.Writer) (int64, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return 0, nil
	}
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return 0, err
		}
		defer rc.Close()
		return io.Copy(h, rc)
	}
	b, err := Body(req)
	if err != nil {
		return 0, err
	}
	n, err := h.Write(b)
	return int64(n), err
}

// ErrBodyNotReplayable is returned when a signer must read a body it cannot
// put back (no GetBody and an unreadable Body).
var ErrBodyNotReplayable = errors.New("signer: request body cannot be read twice")

// Body returns the exact bytes the request will send, leaving the request able
// to send them: from GetBody when set, otherwise by reading Body and
// replacing it (and setting GetBody) with an in-memory copy.
func Body(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}
	b, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, errors.Join(ErrBodyNotReplayable, err)
	}
	req.Body = io.NopCloser(bytes.NewReader(b))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	req.ContentLength = int64(len(b))
	return b, nil
}
