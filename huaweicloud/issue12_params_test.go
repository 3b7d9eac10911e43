package huaweicloud_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/operation"
	"github.com/cachesdk/cachesdk/secret"
)

// Found by a review (and noted since session 1): a nil params struct for an
// operation with required query parameters was sent without them. Now it
// is an error naming them, and nothing is sent.
func TestNilParamsWithRequiredQueryParameters(t *testing.T) {
	var sent atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { sent.Add(1) }))
	defer ts.Close()
	c, err := huaweicloud.NewDCSV2(huaweicloud.Config{Endpoint: ts.URL, ProjectID: "p-1", Token: secret.New("t")})
	require.NoError(t, err)
	_, err = c.ListSlowlog(context.Background(), "i-1", nil)
	var mp *operation.MissingParamsError
	require.ErrorAs(t, err, &mp)
	assert.Equal(t, "ListSlowlog", mp.Operation)
	assert.Contains(t, mp.Params, "start_time")
	assert.Contains(t, mp.Params, "end_time")
	assert.Zero(t, sent.Load(), "nothing is sent")

	// an operation without required query parameters takes nil params
	_, err = c.ListInstances(context.Background(), nil)
	var mp2 *operation.MissingParamsError
	assert.False(t, errors.As(err, &mp2))
}
