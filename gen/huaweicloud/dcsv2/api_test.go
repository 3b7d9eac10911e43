package dcsv2_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
)

// exists is code a user writes against dcsv2.API: it asks whether a
// resource is there, whatever client it is given.
func exists(ctx context.Context, api dcsv2.API, id string) (bool, error) {
	resp, err := api.ShowInstance(ctx, id)
	if err != nil {
		return false, err
	}
	return resp.StatusCode() == http.StatusOK, nil
}

// fakedcsv2 fakes the one method exists calls; the rest of API is the nil
// embedded interface.
type fakedcsv2 struct {
	dcsv2.API
	known map[string]bool
	asked []string
}

func (f *fakedcsv2) ShowInstance(ctx context.Context, instanceId string, reqEditors ...dcsv2.RequestEditorFn) (*dcsv2.ShowInstanceResponse, error) {
	id := instanceId
	f.asked = append(f.asked, id)
	status := http.StatusNotFound
	if f.known[id] {
		status = http.StatusOK
	}
	return &dcsv2.ShowInstanceResponse{HTTPResponse: &http.Response{StatusCode: status}}, nil
}

func TestAPICanBeFakedOneMethodAtATime(t *testing.T) {
	f := &fakedcsv2{known: map[string]bool{"id-1": true}}
	ok, err := exists(context.Background(), f, "id-1")
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = exists(context.Background(), f, "id-2")
	require.NoError(t, err)
	assert.False(t, ok)
	assert.Equal(t, []string{"id-1", "id-2"}, f.asked)
}
