package ucloud_test

// Issue 12 items 6 and 7 through the real UCloud client (127.0.0.1).

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/payload"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
)

func describe(t *testing.T, contentType, body string, limit int64) (*uredis.DescribeURedisBackupResponse, error) {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if contentType == "" {
			w.Header()["Content-Type"] = nil
		} else {
			w.Header().Set("Content-Type", contentType)
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	c, err := ucloud.NewURedis(ucloud.Config{Endpoint: ts.URL, Region: "cn-bj2", MaxResponseBytes: limit,
		Credentials: ucloud.Credentials{PublicKey: "PKISSUE12", PrivateKey: secret.New("PRIVISSUE12")}})
	require.NoError(t, err)
	return c.DescribeURedisBackupWithResponse(context.Background(), &uredis.DescribeURedisBackupParams{})
}

// Item 7: RetCode named twice (another case) is no success; a JSON body
// with no or another Content-Type decodes.
func TestIssue12RetCodeNamedTwiceIsNoSuccess(t *testing.T) {
	out, err := describe(t, "application/json", `{"RetCode":0,"retcode":230,"Action":"DescribeURedisBackupResponse"}`, 0)
	require.Nil(t, out)
	require.ErrorIs(t, err, apierror.ErrAmbiguousResponse)

	for _, ct := range []string{"", "text/plain", "APPLICATION/JSON"} {
		out, err := describe(t, ct, `{"RetCode":0,"Action":"DescribeURedisBackupResponse","TotalCount":0}`, 0)
		require.NoError(t, err, ct)
		require.NotNil(t, out.JSON200, ct)
		require.Equal(t, 0, out.JSON200.RetCode)
	}
}

// Item 6: the limit applies to UCloud too.
func TestIssue12BodyLimit(t *testing.T) {
	_, err := describe(t, "application/json", `{"RetCode":0,"Action":"DescribeURedisBackupResponse","TotalCount":0}`, 16)
	var tl *payload.TooLargeError
	require.ErrorAs(t, err, &tl)
	require.Equal(t, int64(16), tl.Limit)
}
