package uredis_test

import (
	"context"
	"net/http"
	"reflect"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
)

// exists is code a user writes against uredis.API: it asks whether a
// resource is there, whatever client it is given.
func exists(ctx context.Context, api uredis.API, id string) (bool, error) {
	resp, err := api.DescribeURedisBackupWithResponse(ctx, &uredis.DescribeURedisBackupParams{Region: "cn-bj2", GroupId: id})
	if err != nil {
		return false, err
	}
	return resp.StatusCode() == http.StatusOK, nil
}

// fakeuredis fakes the one method exists calls; the rest of API is the nil
// embedded interface.
type fakeuredis struct {
	uredis.API
	known map[string]bool
	asked []string
}

func (f *fakeuredis) DescribeURedisBackupWithResponse(ctx context.Context, params *uredis.DescribeURedisBackupParams, reqEditors ...uredis.RequestEditorFn) (*uredis.DescribeURedisBackupResponse, error) {
	id := params.GroupId
	f.asked = append(f.asked, id)
	status := http.StatusNotFound
	if f.known[id] {
		status = http.StatusOK
	}
	return &uredis.DescribeURedisBackupResponse{HTTPResponse: &http.Response{StatusCode: status}}, nil
}

func TestAPICanBeFakedOneMethodAtATime(t *testing.T) {
	f := &fakeuredis{known: map[string]bool{"id-1": true}}
	ok, err := exists(context.Background(), f, "id-1")
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = exists(context.Background(), f, "id-2")
	require.NoError(t, err)
	assert.False(t, ok)
	assert.Equal(t, []string{"id-1", "id-2"}, f.asked)
}

// API has every exported method of the client ucloud.NewURedis returns: operations,
// paginators and waiters, and nothing else.
func TestAPIIsEveryMethodOfTheClient(t *testing.T) {
	var c *uredis.ClientWithResponses
	var api uredis.API = c // the client implements API
	_ = api
	// methods promoted from an embedded field (ClientWithResponses embeds
	// the raw ClientInterface) are not the client's own
	promoted := map[string]bool{}
	for i := range reflect.TypeOf(c).Elem().NumField() {
		if f := reflect.TypeOf(c).Elem().Field(i); f.Anonymous {
			for j := range f.Type.NumMethod() {
				promoted[f.Type.Method(j).Name] = true
			}
		}
	}
	names := func(t reflect.Type) []string {
		var out []string
		for i := range t.NumMethod() {
			if !promoted[t.Method(i).Name] {
				out = append(out, t.Method(i).Name)
			}
		}
		sort.Strings(out)
		return out
	}
	assert.Equal(t, names(reflect.TypeOf(c)), names(reflect.TypeOf((*uredis.API)(nil)).Elem()))
}
