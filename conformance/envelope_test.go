package conformance

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/flex"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/ucloud"
)

func serve(t *testing.T, status int, body string) string {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// HTTP 200 with a failing envelope is a typed error through the real clients.
func TestEnvelopeFailuresThroughClients(t *testing.T) {
	ctx := context.Background()
	c, err := capitalonline.NewRedis(capitalonline.Config{Endpoint: serve(t, 200, `{"Code":"ResourceNotFound","Message":"资源不存在","TaskId":"t-9"}`), Credentials: cdsCreds})
	require.NoError(t, err)
	out, err := c.DescribeReginsWithResponse(ctx)
	require.Nil(t, out)
	var e *apierror.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, apierror.Error{Vendor: "capitalonline", Operation: "DescribeRegins", StatusCode: 200, Code: "ResourceNotFound", Message: "资源不存在", TaskID: "t-9", Header: e.Header}, *e)
	require.NotContains(t, err.Error(), cdsCreds.SecretKey.Reveal())

	u, err := ucloud.NewURedis(ucloud.Config{Endpoint: serve(t, 200, `{"RetCode":230,"Action":"DescribeURedisBackupResponse","Message":"Params [Region] not available"}`), Credentials: ucCreds})
	require.NoError(t, err)
	_, err = u.DescribeURedisBackupWithResponse(ctx, &uredis.DescribeURedisBackupParams{Region: "cn-bj2"})
	require.ErrorAs(t, err, &e)
	require.Equal(t, "230", e.Code)
	require.Equal(t, "Params [Region] not available", e.Message)
	require.Equal(t, "DescribeURedisBackup", e.Operation)
	require.NotContains(t, err.Error(), ucCreds.PrivateKey.Reveal())
}

// BackupType is documented as "Manual"/"Auto" and sent as 1: both decode, as one flex.String.
func TestURedisBackupTypeBothForms(t *testing.T) {
	body := `{"RetCode":0,"Action":"DescribeURedisBackupResponse","TotalCount":2,"DataSet":[{"BackupType":1},{"BackupType":"Manual"}]}`
	u, err := ucloud.NewURedis(ucloud.Config{Endpoint: serve(t, 200, body), Credentials: ucCreds, Region: "cn-bj2"})
	require.NoError(t, err)
	out, err := u.DescribeURedisBackupWithResponse(context.Background(), &uredis.DescribeURedisBackupParams{Region: "cn-bj2"})
	require.NoError(t, err)
	set := *out.JSON200.DataSet
	require.Equal(t, flex.String("1"), *set[0].BackupType) // the number's text (UC-UREDIS-001)
	require.Equal(t, flex.String("Manual"), *set[1].BackupType)
}

// Region left empty by the call comes from the client's default.
func TestUCloudRegionDefault(t *testing.T) {
	var query string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		w.Write([]byte(`{"RetCode":0,"Action":"DescribeURedisBackupResponse"}`))
	}))
	defer ts.Close()
	u, err := ucloud.NewURedis(ucloud.Config{Endpoint: ts.URL, Credentials: ucCreds, Region: "cn-bj2"})
	require.NoError(t, err)
	_, err = u.DescribeURedisBackupWithResponse(context.Background(), &uredis.DescribeURedisBackupParams{})
	require.NoError(t, err)
	require.Contains(t, "&"+query+"&", "&Region=cn-bj2&")
}
