package jsoncodec_test

import (
	"encoding/json"
	"testing"
	"unsafe"

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

// Issue 15: the body is not copied; decoded ASCII strings are views of it
// (so a big list is held once), while a raw message is a copy of its own
// (the union types hand theirs to other decoders).
func TestDecodedStringsShareTheBodyRawMessagesDoNot(t *testing.T) {
	in := []byte(`{"name":"original","raw":{"a":"original"}}`)
	var v item
	require.NoError(t, jsoncodec.Unmarshal(in, &v))
	require.Equal(t, "original", *v.Name)
	within := func(p *byte) bool {
		a := uintptr(unsafe.Pointer(p))
		lo := uintptr(unsafe.Pointer(&in[0]))
		return a >= lo && a < lo+uintptr(len(in))
	}
	require.True(t, within(unsafe.StringData(*v.Name)), "the string is a view of the body")
	require.False(t, within(&v.Raw[0]), "the raw message is a copy")
	n := testing.AllocsPerRun(100, func() {
		var v struct {
			A, B, C string
		}
		if err := jsoncodec.Unmarshal([]byte(`{"A":"a","B":"b","C":"c"}`), &v); err != nil {
			t.Fatal(err)
		}
	})
	require.LessOrEqual(t, n, 2.0, "no copy of the body, no allocation per string")
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
