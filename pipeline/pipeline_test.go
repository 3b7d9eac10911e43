package pipeline_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/payload"
	"github.com/cachesdk/cachesdk/pipeline"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/signer"
)

// The chain moves the action before signing, signs every attempt afresh, and
// lets retry see the typed error the vendor's body reports.
func TestOrder(t *testing.T) {
	signings := 0
	sign := signer.Func(func(r *http.Request) error {
		if r.URL.Query().Get("Action") == "" {
			return fmt.Errorf("signed before the action was in the query")
		}
		signings++
		r.Header.Set("X-Sig", fmt.Sprint(signings))
		return nil
	})
	var sent []string
	send := doer.Func(func(r *http.Request) (*http.Response, error) {
		sent = append(sent, r.Header.Get("X-Sig"))
		body := `{"Code":"Success"}`
		status := 200
		if len(sent) == 1 {
			body, status = `{"Code":"InternalError"}`, 503
		}
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})
	d, err := pipeline.New(pipeline.Config{
		Send:   send,
		Retry:  &retry.Policy{Sleep: func(context.Context, time.Duration) error { return nil }},
		Signer: sign,
		Errors: apierror.Envelope{Vendor: "v", CodeField: "Code", Success: `"Success"`, MessageField: "Message"},
		RPC:    true,
	})
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodGet, "https://h/redis#Action=DescribeRegins", nil)
	resp, err := d.Do(req)
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode)
	require.Equal(t, []string{"1", "2"}, sent, "the retried attempt carries a fresh signature")
}

// TestDefaultHTTPClientBoundsEachPhase pins the default client's limits:
// every phase of an exchange is bounded on the transport, none by a
// whole-exchange timer (see DefaultHTTPClient).
func TestDefaultHTTPClientBoundsEachPhase(t *testing.T) {
	c := pipeline.DefaultHTTPClient
	require.Zero(t, c.Timeout)
	tr, ok := c.Transport.(*http.Transport)
	require.True(t, ok)
	require.Equal(t, 60*time.Second, tr.ResponseHeaderTimeout)
	require.Equal(t, 10*time.Second, tr.TLSHandshakeTimeout)
	require.NotNil(t, tr.DialContext, "dials with DefaultTransport's 30s dialer")
	require.NotNil(t, tr.Proxy, "honours HTTPS_PROXY like DefaultTransport")
	require.NotSame(t, http.DefaultTransport, tr, "its own pool, not shared with the process")
}

// The body limit sits right above sending: the typed-error step reads no
// more than MaxResponseBytes, and says so with a typed error.
func TestMaxResponseBytes(t *testing.T) {
	send := doer.Func(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, ContentLength: -1,
			Body: io.NopCloser(strings.NewReader(`{"Code":"Success","Data":"` + strings.Repeat("x", 100) + `"}`)), Request: r}, nil
	})
	cfg := pipeline.Config{
		Send:   send,
		Retry:  &retry.Policy{MaxAttempts: 1},
		Signer: signer.Func(func(*http.Request) error { return nil }),
		Errors: apierror.Envelope{Vendor: "v", CodeField: "Code", Success: `"Success"`},
	}
	req, _ := http.NewRequest(http.MethodGet, "https://h/redis?Action=X", nil)
	cfg.MaxResponseBytes = 64
	d, err := pipeline.New(cfg)
	require.NoError(t, err)
	_, err = d.Do(req)
	var tl *payload.TooLargeError
	require.ErrorAs(t, err, &tl)
	require.Equal(t, int64(64), tl.Limit)

	cfg.MaxResponseBytes = 0 // the default, 32 MiB
	d, err = pipeline.New(cfg)
	require.NoError(t, err)
	resp, err := d.Do(req)
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode)

	cfg.MaxResponseBytes = -1
	_, err = pipeline.New(cfg)
	require.ErrorContains(t, err, "MaxResponseBytes")
}
