package flex_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/flex"
	"github.com/cachesdk/cachesdk/internal/jsoncodec"
)

type stats struct {
	Offset *flex.String `json:"offset,omitempty"`
}

// Issue 11 item 5: {"offset":"123"} and {"offset":123} both decode, through
// encoding/json and through the generated clients' codec.
func TestStringDecodesBothForms(t *testing.T) {
	for _, unmarshal := range []func([]byte, any) error{json.Unmarshal, jsoncodec.Unmarshal} {
		for body, want := range map[string]string{
			`{"offset":"123"}`:                "123",
			`{"offset":123}`:                  "123",
			`{"offset":-1.50}`:                "-1.50",
			`{"offset":12345678901234567890}`: "12345678901234567890",
			`{"offset":"50%"}`:                "50%",
		} {
			var s stats
			require.NoError(t, unmarshal([]byte(body), &s), body)
			require.NotNil(t, s.Offset, body)
			assert.Equal(t, want, s.Offset.String(), body)
		}
		var s stats
		require.NoError(t, unmarshal([]byte(`{"offset":null}`), &s))
		assert.Nil(t, s.Offset)
		for _, bad := range []string{`{"offset":true}`, `{"offset":{}}`, `{"offset":[1]}`} {
			assert.Error(t, unmarshal([]byte(bad), &s), bad)
		}
	}
}

func TestStringEncodesAsString(t *testing.T) {
	v := flex.String("123")
	b, err := json.Marshal(stats{Offset: &v})
	require.NoError(t, err)
	assert.JSONEq(t, `{"offset":"123"}`, string(b))
	n, err := flex.String("123").Int64()
	require.NoError(t, err)
	assert.EqualValues(t, 123, n)
	f, err := flex.String("1.5").Float64()
	require.NoError(t, err)
	assert.Equal(t, 1.5, f)
}
