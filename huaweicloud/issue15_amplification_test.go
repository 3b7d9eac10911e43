package huaweicloud_test

// Found while measuring issue 15: a hostile server answering ListInstances
// with 4 MiB of `{},` (well under the 32 MiB body limit) made the client
// allocate 2.9 GiB decoding empty instances; at the limit, ~23 GiB. It is a
// typed error now, decided before decoding, with the body still returned.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/payload"
	"github.com/cachesdk/cachesdk/secret"
)

func TestIssue15ListOfEmptyInstancesIsRefused(t *testing.T) {
	body := `{"instance_num":1,"instances":[{}` + strings.Repeat(`,{}`, (4<<20)/3) + `]}`
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	defer ts.Close()
	c, err := huaweicloud.NewDCSV2(huaweicloud.Config{Endpoint: ts.URL, Region: "cn-north-4",
		Credentials: huaweicloud.Credentials{AccessKey: "AK", SecretKey: secret.New("SK"), ProjectID: "0a1b2c3d4e5f60718293a4b5c6d7e8f9"}})
	require.NoError(t, err)

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rsp, err := c.ListInstances(context.Background(), &dcsv2.ListInstancesParams{})
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, payload.ErrTooManyElements)
	require.Equal(t, "ListInstances: HTTP 200: decoding the response body: JSON arrays and objects would decode into too much memory; 4194338 bytes, Content-Type application/json", err.Error())
	require.NotNil(t, rsp)
	require.Nil(t, rsp.JSON200, "nothing decoded")
	require.Len(t, rsp.Body, len(body))
	require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<20), "the body and the server's copy, not GiB of instances")
}
