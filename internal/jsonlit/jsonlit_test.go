package jsonlit_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/internal/jsonlit"
)

// Plain takes a literal exactly when encoding/json would decode it to its
// content unchanged.
func TestPlainIsWhatEncodingJSONDecodes(t *testing.T) {
	for _, in := range []string{`""`, `"abc"`, `"北京"`, `"a\"b"`, `"a\\b"`, `"\u00e9"`, "\"\xff\"", `"a/b"`, "\"tab\there\"", `"`, `abc`, `"abc`, `abc"`} {
		got, ok := jsonlit.Plain([]byte(in))
		var want string
		err := json.Unmarshal([]byte(in), &want)
		if ok {
			require.NoError(t, err, in)
			require.Equal(t, want, string(got), in)
			require.Equal(t, in[1:len(in)-1], want, "%s: taken only when decoding changes nothing", in)
		}
	}
	for _, in := range []string{`""`, `"abc"`, `"北京"`, `"a/b"`} {
		_, ok := jsonlit.Plain([]byte(in))
		require.True(t, ok, in)
	}
	for _, in := range []string{`"a\"b"`, `"\u00e9"`, "\"\xff\"", "\"tab\there\"", `"`, `abc`, `"abc`, `abc"`} {
		_, ok := jsonlit.Plain([]byte(in))
		require.False(t, ok, in)
	}
}
