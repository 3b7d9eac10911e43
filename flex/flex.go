// Package flex holds the types of response fields whose JSON type the
// witnesses disagree on. The vendor documents' tables and SDKs say one JSON
// type, their examples another, and nothing shows which one the live API
// sends (specs/README.md, "Evidence rule"); such a field decodes from either
// form and gives the caller one Go value.
//
// A spec marks such a field as
//
//	offset:
//	  oneOf: [{type: string}, {type: number}]
//	  x-go-type: flex.String
//	  x-go-type-import: {path: github.com/cachesdk/cachesdk/flex}
package flex

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"

	"github.com/cachesdk/cachesdk/internal/jsonlit"
)

// String is a string that the wire may send as a JSON string ("123") or as a
// JSON number (123). A number is kept as its literal text, so no precision is
// lost ("12345678901234567890" and 1.50 arrive as written). It encodes as a
// JSON string: the type the vendor's table and SDK give.
//
// null and an absent field leave it unchanged; any other JSON value (object,
// array, boolean) is an error naming the received type.
type String string

// UnmarshalJSON accepts a JSON string or number.
func (s *String) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return &json.UnmarshalTypeError{Value: "empty", Type: stringType}
	}
	switch c := b[0]; {
	case c == '"':
		if lit, ok := jsonlit.Plain(b); ok {
			*s = String(lit) // one allocation: the copy (b is the decoder's)
			return nil
		}
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = String(v)
		return nil
	case c == '-' || (c >= '0' && c <= '9'):
		if !json.Valid(b) {
			return fmt.Errorf("flex.String: invalid JSON number")
		}
		*s = String(b)
		return nil
	case c == 'n' && string(b) == "null":
		return nil
	default:
		return &json.UnmarshalTypeError{Value: kind(c), Type: stringType}
	}
}

// MarshalJSON encodes s as a JSON string.
func (s String) MarshalJSON() ([]byte, error) { return json.Marshal(string(s)) }

// String returns s as a Go string.
func (s String) String() string { return string(s) }

// Int64 parses s as a base-10 integer: the value of a count or a size the
// wire sent either as 123 or as "123".
func (s String) Int64() (int64, error) { return strconv.ParseInt(string(s), 10, 64) }

// Float64 parses s as a number: a progress or a rate sent as 1.5 or "1.5".
func (s String) Float64() (float64, error) { return strconv.ParseFloat(string(s), 64) }

var stringType = reflect.TypeFor[String]()

func kind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return "value"
}
