package retry_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/retry"
)

// script answers attempt i with outcomes[i] and records what each attempt sent.
type script struct {
	outcomes []error
	bodies   []string
	reqs     []*http.Request
}

func (s *script) Do(req *http.Request) (*http.Response, error) {
	i := len(s.reqs)
	s.reqs = append(s.reqs, req)
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		s.bodies = append(s.bodies, string(b))
	}
	if i < len(s.outcomes) && s.outcomes[i] != nil {
		return nil, s.outcomes[i]
	}
	return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
}

var noSleep = func(context.Context, time.Duration) error { return nil }

func status(code int) error { return &apierror.Error{StatusCode: code} }

var dialErr = &net.OpError{Op: "dial", Err: errors.New("connection refused")}
var resetErr = &net.OpError{Op: "read", Err: errors.New("connection reset by peer")}

func run(t *testing.T, method string, outcomes ...error) (*script, error) {
	t.Helper()
	s := &script{outcomes: outcomes}
	var body io.Reader
	if method == http.MethodPost {
		body = strings.NewReader(`{"InstanceUuid":"x"}`)
	}
	req, _ := http.NewRequest(method, "https://h/redis?Action=X", body)
	_, err := doer.Chain(s, retry.Middleware(retry.Policy{Sleep: noSleep})).Do(req)
	return s, err
}

func TestRetriesIdempotentOnServerErrors(t *testing.T) {
	s, err := run(t, http.MethodGet, status(503), resetErr)
	require.NoError(t, err)
	require.Len(t, s.reqs, 3)
}

func TestGivesUpAfterMaxAttempts(t *testing.T) {
	s, err := run(t, http.MethodGet, status(500), status(500), status(500), nil)
	require.Error(t, err)
	require.Len(t, s.reqs, 3)
}

func TestPostIsNotRetriedWhenTheServerMayHaveActed(t *testing.T) {
	for _, e := range []error{status(500), status(502), resetErr} {
		s, err := run(t, http.MethodPost, e)
		require.Error(t, err)
		require.Len(t, s.reqs, 1, "%v", e)
	}
}

func TestPostIsRetriedWhenNothingReachedTheServer(t *testing.T) {
	s, err := run(t, http.MethodPost, dialErr, status(429))
	require.NoError(t, err)
	require.Len(t, s.reqs, 3)
	require.Equal(t, []string{`{"InstanceUuid":"x"}`, `{"InstanceUuid":"x"}`, `{"InstanceUuid":"x"}`}, s.bodies, "each attempt sends the whole body")
	require.NotSame(t, s.reqs[0], s.reqs[1], "each attempt is a fresh request for the signer")
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	s, err := run(t, http.MethodGet, status(400))
	require.Error(t, err)
	require.Len(t, s.reqs, 1)
}

func TestContextCancelStopsRetrying(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &script{outcomes: []error{status(503), status(503)}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://h/", nil)
	p := retry.Policy{Sleep: func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }}
	_, err := doer.Chain(s, retry.Middleware(p)).Do(req)
	require.ErrorIs(t, err, context.Canceled)
	require.Len(t, s.reqs, 1)
}

func TestRetryAfterIsHonouredAndCapped(t *testing.T) {
	var waits []time.Duration
	h := http.Header{"Retry-After": []string{"2"}}
	long := http.Header{"Retry-After": []string{"3600"}}
	s := &script{outcomes: []error{&apierror.Error{StatusCode: 429, Header: h}, &apierror.Error{StatusCode: 429, Header: long}}}
	req, _ := http.NewRequest(http.MethodGet, "https://h/", nil)
	p := retry.Policy{MaxDelay: 10 * time.Second, Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }}
	_, err := doer.Chain(s, retry.Middleware(p)).Do(req)
	require.NoError(t, err)
	require.Equal(t, []time.Duration{2 * time.Second, 10 * time.Second}, waits)
}

func TestBackoffIsBounded(t *testing.T) {
	var waits []time.Duration
	s := &script{outcomes: []error{status(503), status(503), status(503), status(503), status(503)}}
	req, _ := http.NewRequest(http.MethodGet, "https://h/", nil)
	p := retry.Policy{MaxAttempts: 6, BaseDelay: time.Second, MaxDelay: 3 * time.Second,
		Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }}
	_, err := doer.Chain(s, retry.Middleware(p)).Do(req)
	require.NoError(t, err)
	require.Len(t, waits, 5)
	for i, w := range waits {
		require.Greater(t, w, time.Duration(0))
		require.LessOrEqual(t, w, min(time.Second<<i, 3*time.Second))
	}
}

func TestMaxAttemptsOneDisables(t *testing.T) {
	s := &script{outcomes: []error{status(503)}}
	req, _ := http.NewRequest(http.MethodGet, "https://h/", nil)
	_, err := doer.Chain(s, retry.Middleware(retry.Policy{MaxAttempts: 1})).Do(req)
	require.Error(t, err)
	require.Len(t, s.reqs, 1)
}
