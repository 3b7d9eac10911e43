package retry_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/operation"
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

// opReq is a request as a generated client sends it: its operation in the
// context.
func opReq(method string, safety operation.Safety) *http.Request {
	ctx := operation.NewContext(context.Background(), &operation.Info{ID: "Op", Safety: safety})
	req, _ := http.NewRequestWithContext(ctx, method, "https://h/x", nil)
	return req
}

func TestDecidesFromTheOperationNotTheMethod(t *testing.T) {
	for _, c := range []struct {
		method string
		safety operation.Safety
		err    error
		want   bool
	}{
		{http.MethodPut, operation.NonIdempotent, status(504), false},
		{http.MethodPut, operation.NonIdempotent, resetErr, false},
		{http.MethodPut, operation.NonIdempotent, status(429), true},
		{http.MethodPut, operation.NonIdempotent, dialErr, true},
		{http.MethodPost, operation.Idempotent, status(502), true},
		{http.MethodPost, operation.Read, resetErr, true},
		{http.MethodGet, operation.Read, status(400), false},
		{http.MethodGet, operation.Safety("bogus"), status(503), false}, // unknown: as non-idempotent
		{http.MethodGet, operation.Read, io.ErrUnexpectedEOF, true},
		{http.MethodGet, operation.Read, errors.New("signer: no credentials"), false},
	} {
		require.Equal(t, c.want, retry.Retryable(opReq(c.method, c.safety), c.err), "%s %s %v", c.method, c.safety, c.err)
	}
}

func TestWithoutOperationOnlyReadMethodsAreRepeatable(t *testing.T) {
	for method, want := range map[string]operation.Safety{
		http.MethodGet: operation.Read, http.MethodHead: operation.Read, http.MethodOptions: operation.Read,
		http.MethodPut: operation.NonIdempotent, http.MethodDelete: operation.NonIdempotent, http.MethodPost: operation.NonIdempotent,
	} {
		req, _ := http.NewRequest(method, "https://h/", nil)
		require.Equal(t, want, retry.Safety(req), method)
	}
}

// behaviour errors implement retry's interfaces without being *apierror.Error.
type behaviour struct {
	retryable, throttled bool
	after                time.Duration
}

func (b behaviour) Error() string                     { return "behaviour" }
func (b behaviour) Retryable() bool                   { return b.retryable }
func (b behaviour) Throttled() bool                   { return b.throttled }
func (b behaviour) RetryAfter() (time.Duration, bool) { return b.after, b.after > 0 }

func TestDecidesThroughBehaviourInterfaces(t *testing.T) {
	wrapped := func(b behaviour) error { return fmt.Errorf("wrapped: %w", b) }
	require.True(t, retry.Retryable(opReq(http.MethodPost, operation.NonIdempotent), wrapped(behaviour{throttled: true})))
	require.False(t, retry.Retryable(opReq(http.MethodPost, operation.NonIdempotent), wrapped(behaviour{retryable: true})))
	require.True(t, retry.Retryable(opReq(http.MethodGet, operation.Read), wrapped(behaviour{retryable: true})))
	require.False(t, retry.Retryable(opReq(http.MethodGet, operation.Read), wrapped(behaviour{})))

	var waits []time.Duration
	s := &script{outcomes: []error{wrapped(behaviour{retryable: true, after: 1500 * time.Millisecond})}}
	p := retry.Policy{Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }}
	_, err := doer.Chain(s, retry.Middleware(p)).Do(opReq(http.MethodGet, operation.Read))
	require.NoError(t, err)
	require.Equal(t, []time.Duration{1500 * time.Millisecond}, waits)
}

func TestATimeoutIsRetriedWhileTheCallersContextLives(t *testing.T) {
	// net/http's header timeout is a net.Error that is also
	// context.DeadlineExceeded; the caller's context is alive.
	timeout := &url.Error{Op: "Get", URL: "https://h/x", Err: timeoutErr{}}
	require.ErrorIs(t, timeout, context.DeadlineExceeded)
	require.True(t, retry.Retryable(opReq(http.MethodGet, operation.Read), timeout))
	require.False(t, retry.Retryable(opReq(http.MethodPut, operation.NonIdempotent), timeout))

	ctx, cancel := context.WithTimeout(context.Background(), -time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://h/x", nil)
	require.False(t, retry.Retryable(req, timeout), "the caller's deadline passed")
}

type timeoutErr struct{}

func (timeoutErr) Error() string        { return "net/http: timeout awaiting response headers" }
func (timeoutErr) Timeout() bool        { return true }
func (timeoutErr) Temporary() bool      { return true }
func (timeoutErr) Is(target error) bool { return target == context.DeadlineExceeded }

func TestNegativePolicyFieldsAreErrors(t *testing.T) {
	for field, p := range map[string]retry.Policy{
		"MaxAttempts": {MaxAttempts: -1},
		"BaseDelay":   {BaseDelay: -time.Second},
		"MaxDelay":    {MaxDelay: -time.Second},
	} {
		err := p.Validate()
		require.ErrorContains(t, err, "retry.Policy."+field)
		s := &script{}
		req, _ := http.NewRequest(http.MethodGet, "https://h/", nil)
		_, derr := doer.Chain(s, retry.Middleware(p)).Do(req)
		require.Equal(t, err, derr)
		require.Empty(t, s.reqs, "an invalid policy sends nothing")
	}
	require.NoError(t, retry.Policy{}.Validate())
}

func TestAbsurdRetryAfterWaitsMaxDelay(t *testing.T) {
	var waits []time.Duration
	h := http.Header{"Retry-After": []string{"9223372037"}}
	s := &script{outcomes: []error{&apierror.Error{StatusCode: 503, Header: h}}}
	p := retry.Policy{Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }}
	_, err := doer.Chain(s, retry.Middleware(p)).Do(opReq(http.MethodGet, operation.Read))
	require.NoError(t, err)
	require.Equal(t, []time.Duration{retry.DefaultMaxDelay}, waits)
}
