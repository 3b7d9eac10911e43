package ucloud_test

// Issue 13 item 5: one operation name everywhere; for UCloud the
// operationId equals the Action.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/operation"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
)

func TestIssue13UCloudErrorsNameTheOperationID(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"RetCode":230,"Message":"bad"}`))
	}))
	defer srv.Close()
	var ops []operation.Info
	c, err := ucloud.NewURedis(ucloud.Config{
		HTTPClient: doer.Func(func(req *http.Request) (*http.Response, error) {
			if info, ok := operation.FromContext(req.Context()); ok {
				ops = append(ops, *info)
			}
			return http.DefaultClient.Do(req)
		}),
		Endpoint:    srv.URL,
		Credentials: ucloud.Credentials{PublicKey: "test-pk", PrivateKey: secret.New("test-priv")},
		Retry:       &retry.Policy{MaxAttempts: 1},
	})
	require.NoError(t, err)
	_, err = c.DescribeURedisBackupWithResponse(context.Background(), &uredis.DescribeURedisBackupParams{})
	var ae *apierror.Error
	require.ErrorAs(t, err, &ae)
	require.Equal(t, "DescribeURedisBackup", ae.Operation)
	require.Equal(t, []operation.Info{{ID: "DescribeURedisBackup", Safety: operation.Read}}, ops, "the send step sees the operation")
}
