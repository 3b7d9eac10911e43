package huaweicloud_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/payload"
	"github.com/cachesdk/cachesdk/secret"
)

// Issue 12 item 7, found again by a review: a 2xx the operation does not
// document (ShowInstance documents 200 with a body) returned err == nil and
// JSON200 == nil. It is a *payload.DecodeError (ErrUndocumented), with the
// response and its raw Body.
func TestUndocumentedSuccessStatusIsAnError(t *testing.T) {
	for _, status := range []int{201, 202, 204, 206} {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			if status != 204 {
				_, _ = w.Write([]byte(`{"instance_id":"i-1","status":"RUNNING"}`))
			}
		}))
		c, err := huaweicloud.NewDCSV2(huaweicloud.Config{Endpoint: ts.URL, ProjectID: "p-1", Token: secret.New("t")})
		require.NoError(t, err)
		out, err := c.ShowInstance(context.Background(), "i-1")
		require.ErrorIs(t, err, payload.ErrUndocumented, "status %d", status)
		require.NotNil(t, out, "the response comes back with the error")
		assert.Equal(t, status, out.StatusCode())
		ts.Close()
	}
}
