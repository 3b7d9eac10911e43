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

	"github.com/cachesdk/cachesdk/doer"
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
// (http.DefaultTransport when nil). A request that net/http sends again, on a
// redirect or a retried idle connection, passes through again and is signed
// again.
func Transport(s Signer, base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return roundTripper{s: s, base: base}
}

type roundTripper struct {
	s    Signer
	base http.RoundTripper
}

func (t roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	clone := req.Clone(req.Context())
	if err := t.s.Sign(clone); err != nil {
		if req.Body != nil {
			req.Body.Close() // the RoundTripper contract: the body is closed even on error
		}
		return nil, err
	}
	return t.base.RoundTrip(clone)
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
