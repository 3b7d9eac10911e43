// Package jsonlit reads JSON string literals that need no decoding, for the
// UnmarshalJSON methods of the SDK's own field types (nullable.Nullable,
// flex.String): such a literal is taken as it is, where encoding/json would
// allocate four times to decode it (issue 15).
package jsonlit

import "unicode/utf8"

// Plain returns the content of the JSON string literal b (its quotes
// included) when it has no escape and no control byte and is valid UTF-8:
// exactly what encoding/json would decode it to. The content is a view of
// b: a caller keeping it copies it (b is the decoder's). ok is false for
// any other b, which the caller decodes with encoding/json.
func Plain(b []byte) (content []byte, ok bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return nil, false
	}
	in := b[1 : len(b)-1]
	ascii := true
	for _, c := range in {
		switch {
		case c < 0x20 || c == '"' || c == '\\':
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(in) {
		return nil, false // encoding/json replaces invalid bytes with U+FFFD
	}
	return in, true
}
