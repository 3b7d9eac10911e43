package huaweicloud_test

// Issue 12 item 8: retries decide from what the operation does (its spec's
// x-retry), through the real DCS clients against a local server.

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv1"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
)

// attempts is a 127.0.0.1 server that answers the n-th request (from 0)
// with answers[n] (the last one repeats) and counts the requests.
type attempts struct {
	srv  *httptest.Server
	hits atomic.Int32
}

type answer func(w http.ResponseWriter, r *http.Request)

func newAttempts(t *testing.T, answers ...answer) *attempts {
	t.Helper()
	a := &attempts{}
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(a.hits.Add(1)) - 1
		answers[min(n, len(answers)-1)](w, r)
	}))
	t.Cleanup(a.srv.Close)
	return a
}

func status(code int, body string, header ...string) answer {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	}
}

// reset closes the connection with an RST after reading the request: the
// server may have acted, the client cannot know.
func reset(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	_ = conn.(*net.TCPConn).SetLinger(0)
	_ = conn.Close()
}

var ok200 = status(200, `{}`)

// sleeps records the delays retry asks for, without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

func config(url string, p *retry.Policy) huaweicloud.Config {
	return huaweicloud.Config{
		Endpoint:    url,
		Credentials: huaweicloud.Credentials{AccessKey: "test-ak", SecretKey: secret.New("test-sk"), ProjectID: "pid"},
		Retry:       p,
	}
}

func v2(t *testing.T, url string, p *retry.Policy) *dcsv2.ProjectClient {
	t.Helper()
	c, err := huaweicloud.NewDCSV2(config(url, p))
	require.NoError(t, err)
	return c
}

func restart(t *testing.T, c *dcsv2.ProjectClient) error {
	t.Helper()
	_, err := c.RestartOrFlushInstances(context.Background(), dcsv2.RestartOrFlushInstancesJSONRequestBody{Instances: &[]string{"i-1"}})
	return err
}

func TestIssue12RestartOrFlushIsNotRepeatedAfter504(t *testing.T) {
	srv := newAttempts(t, status(504, `{"error_code":"DCS.5000","error_msg":"gateway timeout"}`), ok200)
	s := &sleeps{}
	err := restart(t, v2(t, srv.srv.URL, &retry.Policy{Sleep: s.sleep}))
	var ae *apierror.Error
	require.ErrorAs(t, err, &ae)
	require.Equal(t, 504, ae.StatusCode)
	require.EqualValues(t, 1, srv.hits.Load(), "a PUT that restarts instances is sent once: the restart may have run")
	require.Empty(t, s.d)
}

func TestIssue12RestartOrFlushIsNotRepeatedAfterReset(t *testing.T) {
	srv := newAttempts(t, reset, ok200)
	err := restart(t, v2(t, srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep}))
	require.Error(t, err)
	require.EqualValues(t, 1, srv.hits.Load())
}

func TestIssue12RestartOrFlushIsRetriedOn429(t *testing.T) {
	srv := newAttempts(t, status(429, `{"error_code":"APIGW.0308","error_msg":"throttled"}`), status(200, `{"results":[]}`))
	require.NoError(t, restart(t, v2(t, srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep})))
	require.EqualValues(t, 2, srv.hits.Load(), "429: the server refused it unseen")
}

func TestIssue12RestartOrFlushIsRetriedWhenNothingWasSent(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	url := "http://" + l.Addr().String()
	require.NoError(t, l.Close()) // nothing listens: every dial is refused
	s := &sleeps{}
	err = restart(t, v2(t, url, &retry.Policy{Sleep: s.sleep}))
	var op *net.OpError
	require.ErrorAs(t, err, &op)
	require.Equal(t, "dial", op.Op)
	require.Len(t, s.d, 2, "dial errors are retried up to MaxAttempts (3) even for a non-idempotent call")
}

func TestIssue12ReadIsRetriedAfter504(t *testing.T) {
	srv := newAttempts(t, status(504, `{"error_code":"DCS.5000","error_msg":"gateway timeout"}`), status(200, `{"instance_id":"i-1"}`))
	out, err := v2(t, srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep}).ShowInstance(context.Background(), "i-1")
	require.NoError(t, err)
	require.Equal(t, 200, out.StatusCode())
	require.EqualValues(t, 2, srv.hits.Load())
}

func TestIssue12IdempotentDeleteIsRetriedAfterReset(t *testing.T) {
	srv := newAttempts(t, reset, status(204, ``))
	_, err := v2(t, srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep}).DeleteSingleInstance(context.Background(), "i-1")
	require.NoError(t, err)
	require.EqualValues(t, 2, srv.hits.Load(), "DeleteSingleInstance is x-retry: idempotent")
}

func TestIssue12V1RestartOrFlushIsNotRepeatedAfter504(t *testing.T) {
	srv := newAttempts(t, status(504, `{"error_code":"DCS.5000","error_msg":"gateway timeout"}`), ok200)
	c, err := huaweicloud.NewDCSV1(config(srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep}))
	require.NoError(t, err)
	_, err = c.RestartOrFlushInstances(context.Background(), dcsv1.RestartOrFlushInstancesJSONRequestBody{})
	require.Error(t, err)
	require.EqualValues(t, 1, srv.hits.Load())
}

func TestIssue12RetryAfterHTTPDateIsHonoured(t *testing.T) {
	date := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	srv := newAttempts(t,
		status(503, `{"error_code":"DCS.5000","error_msg":"busy"}`,
			"Date", date.Format(http.TimeFormat), "Retry-After", date.Add(3*time.Second).Format(http.TimeFormat)),
		status(200, `{"instance_id":"i-1"}`))
	s := &sleeps{}
	_, err := v2(t, srv.srv.URL, &retry.Policy{Sleep: s.sleep}).ShowInstance(context.Background(), "i-1")
	require.NoError(t, err)
	require.Equal(t, []time.Duration{3 * time.Second}, s.d, "the date is measured from the response's Date")
}

func TestIssue12AbsurdRetryAfterIsCappedNotOverflowed(t *testing.T) {
	srv := newAttempts(t,
		status(429, `{"error_code":"APIGW.0308","error_msg":"throttled"}`, "Retry-After", "9223372037"),
		status(429, `{"error_code":"APIGW.0308","error_msg":"throttled"}`, "Retry-After", "99999999999999999999999"),
		status(200, `{"instance_id":"i-1"}`))
	s := &sleeps{}
	_, err := v2(t, srv.srv.URL, &retry.Policy{Sleep: s.sleep}).ShowInstance(context.Background(), "i-1")
	require.NoError(t, err)
	require.Equal(t, []time.Duration{retry.DefaultMaxDelay, retry.DefaultMaxDelay}, s.d)
}

// hangFirst never answers the first request (until the test ends); later
// requests get next.
func hangFirst(t *testing.T, next answer) *attempts {
	release := make(chan struct{})
	a := newAttempts(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}, next)
	t.Cleanup(func() { close(release) })
	return a
}

// headerTimeout sends with a transport that gives up waiting for response
// headers after a short while (the default client waits 60s).
func headerTimeout(url string, p *retry.Policy) huaweicloud.Config {
	cfg := config(url, p)
	cfg.HTTPClient = &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 50 * time.Millisecond}}
	return cfg
}

func TestIssue12ReadIsRetriedAfterHeaderTimeout(t *testing.T) {
	srv := hangFirst(t, status(200, `{"instance_id":"i-1"}`))
	c, err := huaweicloud.NewDCSV2(headerTimeout(srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep}))
	require.NoError(t, err)
	_, err = c.ShowInstance(context.Background(), "i-1")
	require.NoError(t, err)
	require.EqualValues(t, 2, srv.hits.Load())
}

func TestIssue12NonIdempotentIsNotRetriedAfterHeaderTimeout(t *testing.T) {
	srv := hangFirst(t, ok200)
	c, err := huaweicloud.NewDCSV2(headerTimeout(srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep}))
	require.NoError(t, err)
	err = restart(t, c)
	require.ErrorIs(t, err, context.DeadlineExceeded, "net/http's header timeout")
	require.EqualValues(t, 1, srv.hits.Load())
}

func TestIssue12CancelledContextIsNotRetried(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv := newAttempts(t, func(w http.ResponseWriter, r *http.Request) {
		cancel()
		status(503, `{"error_code":"DCS.5000","error_msg":"busy"}`)(w, r)
	})
	_, err := v2(t, srv.srv.URL, &retry.Policy{Sleep: (&sleeps{}).sleep}).ShowInstance(ctx, "i-1")
	require.Error(t, err)
	require.EqualValues(t, 1, srv.hits.Load())
}

func TestIssue12NegativeMaxAttemptsIsAConstructionError(t *testing.T) {
	p := &retry.Policy{MaxAttempts: -1}
	_, err := huaweicloud.NewDCSV2(config("http://127.0.0.1:1", p))
	require.ErrorContains(t, err, "MaxAttempts")
	require.ErrorContains(t, err, "Config.Retry")
	_, err = huaweicloud.NewDCSV1(config("http://127.0.0.1:1", p))
	require.ErrorContains(t, err, "MaxAttempts")
	_, err = huaweicloud.Doer(config("http://127.0.0.1:1", p))
	require.ErrorContains(t, err, "MaxAttempts")

	// 0 is the default (3 attempts), not an error.
	srv := newAttempts(t, status(503, `{"error_code":"DCS.5000","error_msg":"busy"}`))
	_, err = v2(t, srv.srv.URL, &retry.Policy{MaxAttempts: 0, Sleep: (&sleeps{}).sleep}).ShowInstance(context.Background(), "i-1")
	require.True(t, errors.As(err, new(*apierror.Error)))
	require.EqualValues(t, retry.DefaultMaxAttempts, srv.hits.Load())
}
