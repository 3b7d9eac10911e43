package flex_test

// Review of issue 15 item 7: flex.String's fast path for plain string
// literals decodes every input exactly as encoding/json decodes a string,
// called directly (any bytes, not only what a decoder hands it).

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/cachesdk/cachesdk/flex"
)

func FuzzIssue15StringLiteralAsEncodingJSON(f *testing.F) {
	for _, s := range []string{`""`, `"a"`, `"a"b"`, `"abc`, `"`, "\"\x7f\"", "\"\xed\xa0\x80\"", `"\"`, `"a\u0000"`, "\"a\x00\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		b = bytes.TrimSpace(b) // as UnmarshalJSON does first (decoders hand no space)
		if len(b) == 0 || b[0] != '"' {
			return // the fast path is for string literals only
		}
		var got flex.String
		var want string
		errGot := got.UnmarshalJSON(b)
		errWant := json.Unmarshal(b, &want)
		if (errGot == nil) != (errWant == nil) {
			t.Fatalf("%q: flex error %v, encoding/json error %v", b, errGot, errWant)
		}
		if errGot == nil && string(got) != want {
			t.Fatalf("%q: flex %q, encoding/json %q", b, got, want)
		}
	})
}
