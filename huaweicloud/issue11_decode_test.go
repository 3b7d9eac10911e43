package huaweicloud_test

// Issue 11 item 10: a response with one field of an unexpected type
// ({"port":"6379", ...} in ShowInstance) returned a nil result; the caller
// lost every other field and could not see the bytes. Now it gets the
// response, the typed result of everything else, the raw body, and a
// *payload.DecodeError naming the operation, path and types.

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/payload"
	"github.com/cachesdk/cachesdk/secret"
)

// answerBody serves status, contentType ("" = none) and body to every request, on 127.0.0.1.
func answerBody(t *testing.T, status int, contentType, body string) string {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if contentType == "" {
			w.Header()["Content-Type"] = nil // no sniffing by net/http
		} else {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

func dcsv2Client(t *testing.T, endpoint string, mod ...func(*huaweicloud.Config)) *dcsv2.ProjectClient {
	t.Helper()
	cfg := huaweicloud.Config{Endpoint: endpoint, Credentials: huaweicloud.Credentials{AccessKey: "AKISSUE", SecretKey: secret.New("SKISSUE"), ProjectID: "p-1"}}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := huaweicloud.NewDCSV2(cfg)
	require.NoError(t, err)
	return c
}

func TestIssue11MistypedFieldKeepsTheResponse(t *testing.T) {
	body := `{"instance_id":"i-1","name":"dcs-prod","port":"6379","status":"RUNNING","access_user":"default","description":"hunter2-not-for-logs"}`
	c := dcsv2Client(t, answerBody(t, 200, "application/json", body))
	out, err := c.ShowInstance(context.Background(), "i-1")

	var de *payload.DecodeError
	require.ErrorAs(t, err, &de)
	require.ErrorIs(t, err, payload.ErrType)
	require.Equal(t, "ShowInstance", de.Operation)
	require.Equal(t, 200, de.StatusCode)
	require.Equal(t, "port", de.Path)
	require.Equal(t, "int32", de.Want)
	require.Equal(t, "string", de.Got)

	require.NotNil(t, out, "the response comes back with the error")
	require.Equal(t, body, string(out.Body), "the raw bytes")
	require.NotNil(t, out.JSON200, "the typed result of everything that decoded")
	require.Equal(t, "dcs-prod", *out.JSON200.Name)
	require.EqualValues(t, "RUNNING", *out.JSON200.Status)
	require.Nil(t, out.JSON200.Port, "the mistyped field is absent, not a false 0")

	require.NotContains(t, err.Error(), "6379", "no response bytes in the text")
	require.NotContains(t, err.Error(), "hunter2")
	require.Contains(t, err.Error(), "ShowInstance")
	require.Contains(t, err.Error(), "port")
}

func TestIssue11PathNamesTheListItem(t *testing.T) {
	body := `{"instance_num":4,"instances":[{"instance_id":"a"},{"instance_id":"b"},{"instance_id":"c"},{"instance_id":"d","port":"6379","name":"n"}]}`
	c := dcsv2Client(t, answerBody(t, 200, "application/json", body))
	out, err := c.ListInstances(context.Background(), &dcsv2.ListInstancesParams{})
	var de *payload.DecodeError
	require.True(t, errors.As(err, &de))
	require.Equal(t, "instances[3].port", de.Path)
	require.Equal(t, "ListInstances", de.Operation)
	require.Len(t, *out.JSON200.Instances, 4)
	require.Equal(t, "n", *(*out.JSON200.Instances)[3].Name)
	require.Equal(t, int32(4), *out.JSON200.InstanceNum)
}
