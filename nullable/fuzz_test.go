package nullable_test

import (
	"encoding/json"
	"testing"

	"github.com/cachesdk/cachesdk/nullable"
)

// FuzzUnmarshalStringAsEncodingJSON: Nullable[string]'s own decoding of
// string literals agrees with encoding/json's decoding into a *string (the
// value, and whether it fails); null is null.
func FuzzUnmarshalStringAsEncodingJSON(f *testing.F) {
	for _, s := range []string{`"a"`, `""`, `"中文"`, `"a\"b"`, `"\u00e9"`, "\"\xff\"", "\"a\tb\"", `"a`, `"`, `null`, ` null `, `nul`, `123`, `"a" "b"`, `"a"x`, `["a"]`, `"\/"`, "\"\x7f\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var n nullable.Nullable[string]
		err := n.UnmarshalJSON(data)
		var std *string
		stdErr := json.Unmarshal(data, &std)
		if (err == nil) != (stdErr == nil) {
			t.Fatalf("%q: ours %v, encoding/json %v", data, err, stdErr)
		}
		if err != nil {
			if n.IsSpecified() {
				t.Fatalf("%q: specified after an error", data)
			}
			return
		}
		if std == nil {
			if !n.IsNull() {
				t.Fatalf("%q: encoding/json read null, ours %+v", data, n)
			}
			return
		}
		if got := n.MustGet(); got != *std {
			t.Fatalf("%q: ours %q, encoding/json %q", data, got, *std)
		}
	})
}

// FuzzUnmarshalBoolAsEncodingJSON: likewise for Nullable[bool].
func FuzzUnmarshalBoolAsEncodingJSON(f *testing.F) {
	for _, s := range []string{`true`, `false`, ` true `, `null`, `tru`, `truex`, `"true"`, `0`, `1`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var n nullable.Nullable[bool]
		err := n.UnmarshalJSON(data)
		var std *bool
		stdErr := json.Unmarshal(data, &std)
		if (err == nil) != (stdErr == nil) {
			t.Fatalf("%q: ours %v, encoding/json %v", data, err, stdErr)
		}
		switch {
		case err != nil:
			if n.IsSpecified() {
				t.Fatalf("%q: specified after an error", data)
			}
		case std == nil:
			if !n.IsNull() {
				t.Fatalf("%q: encoding/json read null, ours %+v", data, n)
			}
		case n.MustGet() != *std:
			t.Fatalf("%q: ours %v, encoding/json %v", data, n.MustGet(), *std)
		}
	})
}
