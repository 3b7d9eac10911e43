package huaweicloud_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/verifier"
)

// Issue 12 item 5 (last sentence): an id holding "/" travels as "%2F", and
// the signature the real client computes for it is the one the independent
// verifier computes from what it received.
func TestIssue12SlashInIDVerifies(t *testing.T) {
	v := verifier.HuaweiCloud{Secret: func(ak string) (string, bool) { return "SK-slash", ak == "AK" }, ProjectID: "p1"}
	var escaped string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		escaped = r.URL.EscapedPath()
		if err := v.Verify(r, body); err != nil {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error_code":"APIGW.0301","error_msg":"` + err.Error() + `"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"instance_id":"a/b"}`))
	}))
	defer srv.Close()
	c, err := huaweicloud.NewDCSV2(huaweicloud.Config{Endpoint: srv.URL,
		Credentials: huaweicloud.Credentials{AccessKey: "AK", SecretKey: secret.New("SK-slash"), ProjectID: "p1"}})
	require.NoError(t, err)
	out, err := c.ShowInstance(context.Background(), "a/b")
	require.NoError(t, err)
	require.NotNil(t, out.JSON200)
	require.Equal(t, "/v2/p1/instances/a%2Fb", escaped)
}
