// Package jsoncodec is the JSON codec of the generated clients: gen/*/
// import it in place of encoding/json (an oapi-codegen template override,
// gen/templates/), so every typed result is decoded here, and every
// documented response body is judged by one rule (DecodeResponse).
//
// Why not encoding/json: on the documented DCS ShowInstance body it takes
// ~15 µs and ~100 allocations; github.com/segmentio/encoding/json, which is
// a drop-in for it, takes ~4.5 µs and ~65 (bench/ has the measurements).
// Most of the difference is strings: ASCII ones are decoded without a copy,
// as views of one immutable copy of the body. Non-ASCII strings take its
// slow path: on CapitalOnline's bodies, full of Chinese text, it is about as
// fast as encoding/json, with 40% fewer allocations. Unmarshal makes that copy itself,
// so no decoded string ever shares memory with a []byte the caller can
// change (the generated Response.Body, say).
//
// Errors: segmentio stops at the first value of an unexpected type and
// quotes up to 32 bytes of the body after it in its message (a password, in
// a DCS body). So when it fails, Unmarshal decodes again with encoding/json,
// which decodes every other field, and reports a *payload.DecodeError that
// names the JSON path and the types and never quotes the body. Only failed
// decodes pay for the second pass.
package jsoncodec

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	segjson "github.com/segmentio/encoding/json"

	"github.com/cachesdk/cachesdk/payload"
)

// RawMessage is encoding/json's: union types keep their raw member in one.
type RawMessage = json.RawMessage

// Marshal encodes v as encoding/json does (request bodies are few and small;
// the wire stays byte-for-byte what encoding/json writes).
func Marshal(v any) ([]byte, error) { return json.Marshal(v) }

// flags: strings and numbers are views of the body copy; raw messages are
// still copied, because the union types hand theirs to other decoders.
const flags = segjson.DontCopyString | segjson.DontCopyNumber

// Unmarshal decodes data into v (a pointer to a zero value) with
// encoding/json's semantics (the conformance replay checks them on every
// documented example). A failure is a *payload.DecodeError (Operation and
// StatusCode empty), and v keeps what did decode: with payload.ErrType every
// field but the mistyped one (an optional one is left nil; encoding/json
// reports the first mismatch, later ones decode to zero values), with
// payload.ErrValue the fields before the refused value, with
// payload.ErrSyntax nothing. A nil or non-pointer v is
// encoding/json's *json.InvalidUnmarshalError.
func Unmarshal(data []byte, v any) error {
	// One copy, never written again: the decoded strings point into it (and
	// keep it alive while any of them lives: a body's worth of memory).
	s := string(data)
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	rest, err := segjson.Parse(b, v, flags)
	if err == nil {
		// Parse stops after the first value; Unmarshal must not.
		if trimmed := bytes.TrimLeft(rest, " \t\r\n"); len(trimmed) != 0 {
			off := int64(len(data) - len(trimmed))
			return &payload.DecodeError{Err: payload.ErrSyntax, Offset: off, Length: len(data)}
		}
		return nil
	}
	return slow(data, v)
}

// slow decodes data into v again with encoding/json, from a zero v, and
// turns its error into a *payload.DecodeError.
func slow(data []byte, v any) error {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero() // undo what segmentio decoded before it stopped
	}
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil // the two disagreed: encoding/json's semantics are the contract
	}
	de := &payload.DecodeError{Offset: -1, Length: len(data)}
	var (
		syn  *json.SyntaxError
		typ  *json.UnmarshalTypeError
		inv  *json.InvalidUnmarshalError
		deep *payload.DecodeError
	)
	switch {
	case errors.As(err, &inv):
		return err
	case errors.As(err, &syn):
		de.Err, de.Offset = payload.ErrSyntax, syn.Offset
		if len(bytes.TrimSpace(data)) == 0 {
			de.Err = payload.ErrNoBody
		}
		de.Path = render(pathAt(data, int(syn.Offset)-1))
	case errors.As(err, &typ):
		de.Err, de.Offset = payload.ErrType, typ.Offset
		de.Want = typ.Type.String()
		de.Got, _, _ = strings.Cut(typ.Value, " ") // "number 12.5": the kind, never the value
		path := pathAt(data, int(typ.Offset)-1)
		unset(reflect.ValueOf(v), path)
		if de.Path = render(path); de.Path == "" && typ.Field != "" {
			de.Path = typ.Field // encoding/json's dotted path, no indices
		}
	case errors.As(err, &deep):
		// a union member decoded by this package: its path is relative to
		// the value, which encoding/json does not locate
		de.Err, de.Path, de.Want, de.Got = payload.ErrValue, deep.Path, deep.Want, deep.Got
	default:
		de.Err = payload.ErrValue // an UnmarshalJSON's error: its text may quote the value
	}
	return de
}

// step is one step of a JSON path: an object key (decoded) or an array index.
type step struct {
	key   string
	index int // -1 for a key
}

// pathAt returns the JSON path of the innermost value at byte pos of data,
// outermost first; none at the top level.
func pathAt(data []byte, pos int) []step {
	type frame struct {
		array   bool
		index   int
		key     []byte // the raw key, quotes included
		inValue bool   // past the key's ':' (objects) or inside an element (arrays)
	}
	var st []frame
	for i := 0; i < pos && i < len(data); {
		switch data[i] {
		case '{':
			st = append(st, frame{})
		case '[':
			st = append(st, frame{array: true, inValue: true})
		case '}', ']':
			if len(st) > 0 {
				st = st[:len(st)-1]
			}
		case ',':
			if n := len(st); n > 0 {
				if st[n-1].array {
					st[n-1].index++
				} else {
					st[n-1].key, st[n-1].inValue = nil, false
				}
			}
		case ':':
			if n := len(st); n > 0 {
				st[n-1].inValue = true
			}
		case '"':
			end := stringEnd(data, i)
			if n := len(st); n > 0 && !st[n-1].array && !st[n-1].inValue {
				st[n-1].key = data[i:end]
			}
			i = end
			continue
		}
		i++
	}
	var path []step
	for _, f := range st {
		switch {
		case f.array:
			path = append(path, step{index: f.index})
		case f.inValue && f.key != nil:
			var key string
			if json.Unmarshal(f.key, &key) != nil {
				key = string(bytes.Trim(f.key, `"`))
			}
			path = append(path, step{key: key, index: -1})
		default:
			return path
		}
	}
	return path
}

// render writes a path as object keys joined by dots and array indices in
// brackets ("instances[3].port"). Keys are names, not values; a long or
// unusual one is quoted and cut to 64 bytes.
func render(path []step) string {
	var b strings.Builder
	for _, s := range path {
		if s.index >= 0 {
			b.WriteString("[")
			b.WriteString(strconv.Itoa(s.index))
			b.WriteString("]")
			continue
		}
		key := s.key
		plain := key != "" && len(key) <= 64
		for _, c := range key {
			if !(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				plain = false
				break
			}
		}
		switch {
		case plain && b.Len() == 0:
			b.WriteString(key)
		case plain:
			b.WriteString(".")
			b.WriteString(key)
		default:
			if len(key) > 64 {
				key = key[:64] + "…"
			}
			b.WriteString("[")
			b.WriteString(strconv.Quote(key))
			b.WriteString("]")
		}
	}
	return b.String()
}

// unset sets the optional (pointer, slice, map or interface) field at path
// in v back to nil: encoding/json leaves a mistyped value allocated and
// zero, which would read as a real 0 or "". A field that is not optional
// keeps its zero value (the error says it is wrong).
func unset(v reflect.Value, path []step) {
	for _, s := range path {
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return
			}
			v = v.Elem()
		}
		switch {
		case s.index >= 0 && (v.Kind() == reflect.Slice || v.Kind() == reflect.Array):
			if s.index >= v.Len() {
				return
			}
			v = v.Index(s.index)
		case s.index < 0 && v.Kind() == reflect.Struct:
			f, ok := field(v, s.key)
			if !ok {
				return
			}
			v = f
		default:
			return // maps hold copies; anything else has no such step
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		if v.CanSet() {
			v.SetZero()
		}
	}
}

// field finds the struct field encoding/json decodes key into: the exact
// JSON name first, then one equal under case folding.
func field(v reflect.Value, key string) (reflect.Value, bool) {
	t := v.Type()
	fold := -1
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key {
			return v.Field(i), true
		}
		if fold < 0 && strings.EqualFold(name, key) {
			fold = i
		}
	}
	if fold >= 0 {
		return v.Field(fold), true
	}
	return reflect.Value{}, false
}

// stringEnd returns the index after the closing quote of the string at i
// (len(data) when unterminated).
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(data)
}

// IsJSON reports whether a response body is to be decoded as JSON: its
// Content-Type names JSON in any letter case (application/json, text/json,
// application/problem+json; parameters ignored), or, whatever the header
// says or if it is absent, its first non-space byte is '{' or '['.
func IsJSON(contentType string, body []byte) bool {
	if i := bytes.IndexFunc(body, func(r rune) bool { return r != ' ' && r != '\t' && r != '\r' && r != '\n' }); i >= 0 &&
		(body[i] == '{' || body[i] == '[') {
		return true
	}
	mt := mediaType(contentType)
	_, sub, _ := strings.Cut(mt, "/")
	return sub == "json" || strings.HasSuffix(sub, "+json")
}

// mediaType returns the lower-cased type/subtype of a Content-Type, "" when
// absent or not a plain token pair (it is printed in errors; a header can
// carry anything).
func mediaType(contentType string) string {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	if len(mt) > 64 {
		return ""
	}
	for _, c := range mt {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.ContainsRune("/+-.!#$&^_", c)) {
			return ""
		}
	}
	return mt
}

// DecodeResponse is the one rule of the generated parsers for a response
// whose status the operation documents with a JSON body (ParseXxxResponse
// calls it with the operation id; the same for every vendor):
//
//   - a body that IsJSON is decoded into v; decoded reports whether v holds
//     a result (true unless the JSON was malformed), err is a
//     *payload.DecodeError naming the operation, status and field path when
//     anything did not fit (the parser returns the response, its typed
//     result and its raw Body, with the error);
//   - a 2xx body that is empty or not JSON (text/html, text/plain "OK") is a
//     *payload.DecodeError (payload.ErrNoBody, payload.ErrNotJSON): a
//     documented result is missing, the call must not look like a success;
//   - an error status whose body is not JSON decodes nothing and is no
//     error here: the status tells the failure (the chain's apierror step
//     has already turned it into an *apierror.Error).
func DecodeResponse(operation string, rsp *http.Response, body []byte, v any) (decoded bool, err error) {
	ct := rsp.Header.Get("Content-Type")
	ok2xx := rsp.StatusCode >= 200 && rsp.StatusCode < 300
	fail := func(kind error) *payload.DecodeError {
		return &payload.DecodeError{Operation: operation, StatusCode: rsp.StatusCode, ContentType: mediaType(ct),
			Offset: -1, Length: len(body), Err: kind}
	}
	switch {
	case len(bytes.TrimSpace(body)) == 0:
		if ok2xx {
			return false, fail(payload.ErrNoBody)
		}
		return false, nil
	case !IsJSON(ct, body):
		if ok2xx {
			return false, fail(payload.ErrNotJSON)
		}
		return false, nil
	}
	err = Unmarshal(body, v)
	if err == nil {
		return true, nil
	}
	var de *payload.DecodeError
	if !errors.As(err, &de) {
		return false, err
	}
	de.Operation, de.StatusCode, de.ContentType = operation, rsp.StatusCode, mediaType(ct)
	return !errors.Is(de.Err, payload.ErrSyntax) && !errors.Is(de.Err, payload.ErrNoBody), de
}
