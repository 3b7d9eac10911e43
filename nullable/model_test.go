package nullable_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/internal/jsoncodec"
	"github.com/cachesdk/cachesdk/payload"
)

// A generated model decodes its nullable fields (absent, null, a value)
// through the SDK's codec, and a mistyped nullable field is a
// *payload.DecodeError naming its JSON path and the types, never the bytes,
// with every other field still decoded.
func TestGeneratedModelNullableFields(t *testing.T) {
	body := []byte(`{"instance_num":3,"instances":[` +
		`{"name":"a","access_user":null,"publicip_id":"eip-1"},` +
		`{"name":"b","backend_addrs":"10.0.0.1:6379"},` +
		`{"name":"c","access_user":"secret-user-\u00e9"}]}`)
	var out dcsv2.ListInstancesOutput
	require.NoError(t, jsoncodec.Unmarshal(body, &out))
	items := *out.Instances
	require.Len(t, items, 3)
	assert.True(t, items[0].AccessUser.IsNull())
	assert.Equal(t, "eip-1", items[0].PublicipId.MustGet())
	assert.False(t, items[0].BackendAddrs.IsSpecified())
	assert.False(t, items[1].AccessUser.IsSpecified())
	assert.Equal(t, "10.0.0.1:6379", items[1].BackendAddrs.MustGet())
	assert.Equal(t, "secret-user-é", items[2].AccessUser.MustGet())

	for i := range body {
		body[i] = 'X' // the decoded values do not share the body
	}
	assert.Equal(t, "eip-1", items[0].PublicipId.MustGet())
}

func TestGeneratedModelMistypedNullableField(t *testing.T) {
	body := `{"instance_num":3,"instances":[` +
		`{"name":"a","access_user":null},` +
		`{"name":"b","publicip_id":"eip-1"},` +
		`{"name":"c","access_user":12345,"publicip_id":"eip-2"}],"after":1}`
	var out dcsv2.ListInstancesOutput
	err := jsoncodec.Unmarshal([]byte(body), &out)
	var de *payload.DecodeError
	require.True(t, errors.As(err, &de), "%T %v", err, err)
	assert.ErrorIs(t, de, payload.ErrType)
	assert.Equal(t, "instances[2].access_user", de.Path)
	assert.Equal(t, "string", de.Want)
	assert.Equal(t, "number", de.Got)
	assert.NotContains(t, de.Error(), "12345")

	items := *out.Instances
	require.Len(t, items, 3, "everything else decoded")
	assert.True(t, items[0].AccessUser.IsNull())
	assert.Equal(t, "eip-1", items[1].PublicipId.MustGet())
	assert.Equal(t, "eip-2", items[2].PublicipId.MustGet())
	assert.False(t, items[2].AccessUser.IsSpecified(), "the refused value is left absent")
	assert.Equal(t, int32(3), *out.InstanceNum)

	// encoding/json reports a type error from an UnmarshalJSON with the
	// offset it had within the value; were it kept, this one (17) would
	// point at instance_num's value and name the wrong field.
	body = `{"instance_num":3,"instances":[{"name":"a","access_user":12345678901234567}]}`
	out = dcsv2.ListInstancesOutput{}
	require.True(t, errors.As(jsoncodec.Unmarshal([]byte(body), &out), &de))
	assert.Equal(t, "instances[0].access_user", de.Path)
	assert.Equal(t, int32(3), *out.InstanceNum)
	assert.Equal(t, "a", *(*out.Instances)[0].Name)
}
