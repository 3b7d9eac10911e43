package capitalonline_test

// Issue 13 item 5: one operation name everywhere. apierror.Error.Operation
// is the operationId from the context the generated client set; for
// CapitalOnline it equals the Action.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/gen/capitalonline/memcached"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/operation"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
)

func TestIssue13CapitalOnlineErrorsNameTheOperationID(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"Code":"InvalidParameter","Message":"bad"}`))
	}))
	defer srv.Close()
	var ops []operation.Info
	cfg := capitalonline.Config{
		Endpoint:    srv.URL,
		Credentials: capitalonline.Credentials{AccessKeyID: "test-ak", SecretKey: secret.New("test-sk")},
		Retry:       &retry.Policy{MaxAttempts: 1},
		HTTPClient: doer.Func(func(req *http.Request) (*http.Response, error) {
			if info, ok := operation.FromContext(req.Context()); ok {
				ops = append(ops, *info)
			}
			return http.DefaultClient.Do(req)
		}),
	}
	rc, err := capitalonline.NewRedis(cfg)
	require.NoError(t, err)
	_, err = rc.DescribeDBInstancesWithResponse(context.Background(), &redis.DescribeDBInstancesParams{})
	var ae *apierror.Error
	require.ErrorAs(t, err, &ae)
	require.Equal(t, "DescribeDBInstances", ae.Operation)

	mc, err := capitalonline.NewMemcached(cfg)
	require.NoError(t, err)
	_, err = mc.ClearMemcachedInstanceWithResponse(context.Background(), memcached.ClearMemcachedInstanceJSONRequestBody{})
	require.ErrorAs(t, err, &ae)
	require.Equal(t, "ClearMemcachedInstance", ae.Operation)

	require.Equal(t, []operation.Info{
		{ID: "DescribeDBInstances", Safety: operation.Read},
		{ID: "ClearMemcachedInstance", Safety: operation.NonIdempotent},
	}, ops)
}
