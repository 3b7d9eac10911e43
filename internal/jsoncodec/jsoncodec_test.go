package jsoncodec_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/jsoncodec"
	"github.com/cachesdk/cachesdk/nullable"
)

type item struct {
	Name  *string                   `json:"name,omitempty"`
	Port  *int32                    `json:"port,omitempty"`
	Note  nullable.Nullable[string] `json:"note,omitempty"`
	Tags  []string                  `json:"tags,omitempty"`
	Extra map[string]any            `json:"extra,omitempty"`
	Raw   json.RawMessage           `json:"raw,omitempty"`
}

func TestDecodesAsEncodingJSONDoes(t *testing.T) {
	for _, in := range []string{
		`{"name":"dcs-\u00e9x","port":6379,"note":null,"tags":["a","b"],"extra":{"k":[1,"x",true,null]},"raw":{"a":1}}`,
		`{"NAME":"case-insensitive","note":"n"}`,
		` {"unknown":1, "port": 1} `,
	} {
		var ours, std item
		require.NoError(t, jsoncodec.Unmarshal([]byte(in), &ours), in)
		require.NoError(t, json.Unmarshal([]byte(in), &std), in)
		require.Equal(t, std, ours, in)
	}
}

func TestDecodedStringsDoNotShareTheInput(t *testing.T) {
	in := []byte(`{"name":"original","raw":{"a":"original"}}`)
	var v item
	require.NoError(t, jsoncodec.Unmarshal(in, &v))
	for i := range in {
		in[i] = 'X'
	}
	require.Equal(t, "original", *v.Name)
	require.JSONEq(t, `{"a":"original"}`, string(v.Raw))
}

func TestErrors(t *testing.T) {
	for _, in := range []string{`{"port":"x"}`, `{"port":1} {}`, `{"port":1`, ``, `nul`} {
		var v item
		require.Error(t, jsoncodec.Unmarshal([]byte(in), &v), in)
		require.Error(t, json.Unmarshal([]byte(in), &v), "encoding/json agrees: %s", in)
	}
	require.Error(t, jsoncodec.Unmarshal([]byte(`{}`), item{}), "a non-pointer target")
}

func TestMarshalIsEncodingJSON(t *testing.T) {
	v := item{Name: new(string), Note: nullable.NewNullNullable[string]()}
	*v.Name = "<a&b>"
	ours, err := jsoncodec.Marshal(v)
	require.NoError(t, err)
	std, err := json.Marshal(v)
	require.NoError(t, err)
	require.Equal(t, string(std), string(ours))
}
