package flex_test

// Issue 15: a string literal that needs no decoding is copied as it is
// (encoding/json took four allocations for each such field), and decodes
// exactly as encoding/json would whatever the literal.

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/flex"
)

func TestIssue15PlainLiteralsDecodeAsEncodingJSON(t *testing.T) {
	for _, in := range []string{`""`, `"abc"`, `"北京"`, `"a\"b"`, `"a\\b"`, `"\u00e9"`, "\"\xff\"", `"a/b"`, "\"tab\there\""} {
		var got flex.String
		var want string
		errGot := json.Unmarshal([]byte(in), &got)
		errWant := json.Unmarshal([]byte(in), &want)
		require.Equal(t, errWant == nil, errGot == nil, in)
		require.Equal(t, want, string(got), in)
	}
}

func TestIssue15PlainLiteralCopiesOnce(t *testing.T) {
	in := []byte(`"cf4a05df-1c38-47c5-bb5a-0a7b3673b3bd"`)
	var s flex.String
	n := testing.AllocsPerRun(100, func() {
		if err := s.UnmarshalJSON(in); err != nil {
			t.Fatal(err)
		}
	})
	require.Equal(t, 1.0, n)
	in[1] = 'X'
	require.Equal(t, "cf4a05df-1c38-47c5-bb5a-0a7b3673b3bd", string(s), "not a view of the decoder's bytes")
}
