package huaweicloud_test

// Issue 13 item 5: one operation name everywhere. apierror.Error.Operation
// is the operationId (not "POST /v2/<project>/instances"), taken from the
// context the generated client set, which every step of the chain sees.

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/operation"
	"github.com/cachesdk/cachesdk/retry"
)

// seen records the operation each request carries when it is sent.
type seen struct{ ops []operation.Info }

func (s *seen) client() doer.Doer {
	return doer.Func(func(req *http.Request) (*http.Response, error) {
		if info, ok := operation.FromContext(req.Context()); ok {
			s.ops = append(s.ops, *info)
		}
		return http.DefaultClient.Do(req)
	})
}

func TestIssue13HuaweiErrorsNameTheOperationID(t *testing.T) {
	srv := newAttempts(t, status(400, `{"error_code":"DCS.4001","error_msg":"bad"}`))
	s := &seen{}
	cfg := config(srv.srv.URL, &retry.Policy{MaxAttempts: 1})
	cfg.HTTPClient = s.client()
	c, err := huaweicloud.NewDCSV2(cfg)
	require.NoError(t, err)
	_, err = c.CreateInstance(context.Background(), dcsv2.CreateInstanceJSONRequestBody{})
	var ae *apierror.Error
	require.ErrorAs(t, err, &ae)
	require.Equal(t, "CreateInstance", ae.Operation)
	require.NotContains(t, err.Error(), "/v2/", "the error names the operation, not the path")
	require.Equal(t, []operation.Info{{ID: "CreateInstance", Safety: operation.NonIdempotent}}, s.ops, "the send step sees the operation")

	c1, err := huaweicloud.NewDCSV1(cfg)
	require.NoError(t, err)
	_, err = c1.ShowInstance(context.Background(), "i-1")
	require.ErrorAs(t, err, &ae)
	require.Equal(t, "ShowInstance", ae.Operation)
	require.Equal(t, operation.Info{ID: "ShowInstance", Safety: operation.Read}, s.ops[1])
}
