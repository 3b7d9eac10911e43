package capitalonline_test

// Issue 12 item 8: retries decide from the operation's x-retry, not its
// HTTP method; a negative Retry.MaxAttempts is a construction error.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
)

// firstFails answers 502 once, then success, and counts requests.
func firstFails(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if hits.Add(1) == 1 {
			w.WriteHeader(502)
			_, _ = w.Write([]byte(`{"Code":"InternalError","Message":"bad gateway"}`))
			return
		}
		_, _ = w.Write([]byte(`{"Code":"Success","Message":"Success","TaskId":"t-1"}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func cfg(url string) capitalonline.Config {
	return capitalonline.Config{
		Endpoint:    url,
		Credentials: capitalonline.Credentials{AccessKeyID: "test-ak", SecretKey: secret.New("test-sk")},
		Retry:       &retry.Policy{Sleep: func(context.Context, time.Duration) error { return nil }},
	}
}

func TestIssue12RetryFollowsXRetryNotTheMethod(t *testing.T) {
	// DeleteDBInstance is a POST that deletes one named instance (x-retry:
	// idempotent): retried after a 502.
	srv, hits := firstFails(t)
	c, err := capitalonline.NewRedis(cfg(srv.URL))
	require.NoError(t, err)
	_, err = c.DeleteDBInstanceWithResponse(context.Background(), redis.DeleteDBInstanceJSONRequestBody{})
	require.NoError(t, err)
	require.EqualValues(t, 2, hits.Load())

	// CreateBackup is a POST that makes one more backup (non-idempotent):
	// sent once.
	srv, hits = firstFails(t)
	c, err = capitalonline.NewRedis(cfg(srv.URL))
	require.NoError(t, err)
	_, err = c.CreateBackupWithResponse(context.Background(), redis.CreateBackupJSONRequestBody{})
	require.Error(t, err)
	require.EqualValues(t, 1, hits.Load())
}

func TestIssue12NegativeMaxAttemptsIsAConstructionError(t *testing.T) {
	c := cfg("http://127.0.0.1:1")
	c.Retry = &retry.Policy{MaxAttempts: -1}
	_, err := capitalonline.NewRedis(c)
	require.ErrorContains(t, err, "Config.Retry")
	require.ErrorContains(t, err, "MaxAttempts")
	_, err = capitalonline.NewMemcached(c)
	require.ErrorContains(t, err, "MaxAttempts")
}
