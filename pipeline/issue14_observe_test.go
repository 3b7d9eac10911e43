package pipeline_test

// Issue 14 item 3: logging, the caller's middleware and the User-Agent.

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/operation"
	"github.com/cachesdk/cachesdk/pipeline"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/signer"
)

const logMarker = "LOGSECRETMARKER"

var markerSigner = signer.Func(func(r *http.Request) error {
	r.Header.Set("Authorization", "HMAC Signature="+logMarker)
	r.Header.Set("X-Auth-Token", logMarker)
	q := r.URL.Query()
	q.Set("Signature", logMarker)
	r.URL.RawQuery = q.Encode()
	return nil
})

func TestLoggerMiddlewareAndUserAgent(t *testing.T) {
	var calls atomic.Int64
	var ua string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req-42")
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"error_code":"DCS.5000","error_msg":"busy ` + logMarker + `? no"}`))
			return
		}
		_, _ = w.Write([]byte(`{"password":"` + logMarker + `"}`))
	}))
	defer ts.Close()

	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var perCall, perAttempt atomic.Int64
	var attemptSawSignature atomic.Bool
	count := func(n *atomic.Int64, sawSig *atomic.Bool) doer.Middleware {
		return func(next doer.Doer) doer.Doer {
			return doer.Func(func(r *http.Request) (*http.Response, error) {
				n.Add(1)
				if sawSig != nil && strings.Contains(r.Header.Get("Authorization"), logMarker) {
					sawSig.Store(true)
				}
				return next.Do(r)
			})
		}
	}
	d, err := pipeline.New(pipeline.Config{
		Send:       ts.Client(),
		Retry:      &retry.Policy{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond},
		Signer:     markerSigner,
		Errors:     apierror.Status{Vendor: "huaweicloud", CodeField: "error_code", MessageField: "error_msg", RequestIDHdr: "X-Request-Id"},
		Logger:     logger,
		Middleware: pipeline.Middleware{PerCall: []doer.Middleware{count(&perCall, nil)}, PerAttempt: []doer.Middleware{count(&perAttempt, &attemptSawSignature)}},
	})
	require.NoError(t, err)
	ctx := operation.NewContext(context.Background(), &operation.Info{ID: "ListInstances", Safety: operation.Read})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+"/v2/p/instances?limit=10", nil)
	require.NoError(t, err)
	resp, err := d.Do(req)
	require.NoError(t, err)
	resp.Body.Close()

	assert.EqualValues(t, 1, perCall.Load(), "per-call middleware: once per call")
	assert.EqualValues(t, 2, perAttempt.Load(), "per-attempt middleware: once per attempt")
	assert.True(t, attemptSawSignature.Load(), "per-attempt middleware runs after signing")
	assert.Regexp(t, regexp.MustCompile(`^cachesdk/\S+ \(go1\.\S+; \w+/\w+\)$`), ua)

	var records []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		records = append(records, m)
	}
	require.Len(t, records, 2, logs.String())
	attempt, call := records[0], records[1]
	assert.Equal(t, "attempt failed", attempt["msg"])
	assert.Equal(t, "DEBUG", attempt["level"])
	assert.Equal(t, "ListInstances", attempt["operation"])
	assert.EqualValues(t, 1, attempt["attempt"])
	assert.EqualValues(t, 503, attempt["status"])
	assert.Equal(t, "DCS.5000", attempt["code"])
	assert.Equal(t, "req-42", attempt["request_id"])
	assert.Equal(t, "call", call["msg"])
	assert.Equal(t, "INFO", call["level"])
	assert.EqualValues(t, 2, call["attempts"])
	assert.EqualValues(t, 200, call["status"])
	assert.Contains(t, call, "duration")
	assert.NotContains(t, logs.String(), logMarker, "no signature, token or body in any record")
}

func TestNewRefusesAMissingSignerOrDecoder(t *testing.T) {
	_, err := pipeline.New(pipeline.Config{Errors: apierror.Status{}})
	require.ErrorContains(t, err, "Config.Signer")
	_, err = pipeline.New(pipeline.Config{Signer: markerSigner})
	require.ErrorContains(t, err, "Config.Errors")
}

// Found by a review: the record of a transport error quoted the URL, with
// the caller's query filters.
func TestLoggerLeavesTheQueryOut(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	url := ts.URL
	ts.Close() // connection refused
	var logs bytes.Buffer
	d, err := pipeline.New(pipeline.Config{
		Retry: &retry.Policy{MaxAttempts: 1}, Signer: markerSigner,
		Errors: apierror.Status{Vendor: "v", CodeField: "error_code", MessageField: "error_msg"},
		Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodGet, url+"/x?InstanceName=private-filter", nil)
	require.NoError(t, err)
	_, err = d.Do(req)
	require.Error(t, err)
	assert.Contains(t, logs.String(), `"error":"Get: `)
	assert.NotContains(t, logs.String(), "private-filter")
	assert.NotContains(t, logs.String(), logMarker)
}

// Found by a second review: a caller's step returning (nil, nil) made the
// generated parser panic; and a per-attempt step's own error was logged
// with attempts=0.
func TestCallerStepsAreGuardedAndCounted(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer ts.Close()
	nothing := func(doer.Doer) doer.Doer {
		return doer.Func(func(*http.Request) (*http.Response, error) { return nil, nil })
	}
	for _, mw := range []pipeline.Middleware{{PerCall: []doer.Middleware{nothing}}, {PerAttempt: []doer.Middleware{nothing}}} {
		var logs bytes.Buffer
		d, err := pipeline.New(pipeline.Config{Send: ts.Client(), Retry: &retry.Policy{MaxAttempts: 1}, Signer: markerSigner,
			Errors: apierror.Status{Vendor: "v", CodeField: "error_code", MessageField: "error_msg"}, Middleware: mw,
			Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
		require.NoError(t, err)
		req, err := http.NewRequest(http.MethodGet, ts.URL, nil)
		require.NoError(t, err)
		resp, err := d.Do(req)
		require.ErrorIs(t, err, pipeline.ErrNoResponse)
		assert.Nil(t, resp)
		if len(mw.PerAttempt) > 0 {
			assert.Contains(t, logs.String(), `"attempts":1`)
			assert.Contains(t, logs.String(), `"attempt failed"`)
		}
	}
}
