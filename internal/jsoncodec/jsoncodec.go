// Package jsoncodec is the JSON codec of the generated clients: gen/*/
// import it in place of encoding/json (an oapi-codegen template override,
// gen/templates/), so every typed result is decoded here, and every
// documented response body is judged by one rule (DecodeResponse).
//
// Why not encoding/json: on the documented DCS ShowInstance body it takes
// ~15 µs and ~100 allocations; github.com/segmentio/encoding/json, which is
// a drop-in for it, takes ~4.5 µs and ~65 (bench/ has the measurements).
// Most of the difference is strings: ASCII ones are decoded without a copy,
// as views of the body itself. Non-ASCII strings take its slow path: on
// CapitalOnline's bodies, full of Chinese text, it is about as fast as
// encoding/json, with 40% fewer allocations.
//
// Memory: the body is never copied (issue 15: a 13 MiB list was held twice,
// as the response's Body and as the decoder's copy). The decoded strings
// share the body's memory, so the body must not change after Unmarshal:
// the generated Response.Body is documented read-only, and nothing in the
// SDK writes to a body it has read. A decoded string keeps the whole body
// alive while it lives.
//
// Errors: segmentio stops at the first value of an unexpected type and
// quotes up to 32 bytes of the body after it in its message (a password, in
// a DCS body). So when it fails, Unmarshal decodes again with encoding/json,
// which decodes every other field, cuts each mistyped value out (so none
// reads as a false 0) and reports a *payload.DecodeError that names the JSON
// path and the types and never quotes the body. Only failed decodes pay for
// the further passes.
package jsoncodec

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	segjson "github.com/segmentio/encoding/json"

	"github.com/cachesdk/cachesdk/payload"
)

// RawMessage is encoding/json's: union types keep their raw member in one.
type RawMessage = json.RawMessage

// Marshal encodes v as encoding/json does (request bodies are few and small;
// the wire stays byte-for-byte what encoding/json writes).
func Marshal(v any) ([]byte, error) { return json.Marshal(v) }

// flags: strings and numbers are views of the body; raw messages are
// still copied, because the union types hand theirs to other decoders.
const flags = segjson.DontCopyString | segjson.DontCopyNumber

// Unmarshal decodes data into v (a pointer to a zero value) with
// encoding/json's semantics (the conformance replay checks them on every
// documented example). The strings of v share data's memory, so data must
// not be written while v is in use. A failure is a *payload.DecodeError
// (Operation and StatusCode empty), and v keeps what did decode: with
// payload.ErrType or payload.ErrValue every value but the refused ones,
// which are left absent (nil; an array element null), up to 16 of them;
// with payload.ErrSyntax nothing (or, for data after one whole value, that
// value; DecodeResponse then sets no result); with payload.ErrTooDeep and
// payload.ErrTooManyElements nothing. A nil or non-pointer v is
// encoding/json's *json.InvalidUnmarshalError.
//
// A body that could nest deeper than payload.MaxDepth, or whose commas and
// brackets could each start an element or member of v's costliest slice or
// map for more than payload.MaxAmplification times the body's length (a
// list of a few hundred items or more), is scanned once before decoding
// (survey): for its depth; for what its arrays and maps cost decoded into
// v, each by the Go type it decodes into, refused past that budget (4 MiB
// of `{},` in a DCS list decoded into 2.9 GiB of instances; 11 MiB of
// `"abcde":[]` members of a map[string]any into 350 MiB); and
// for the length of each big list reachable from the top through object
// members, whose slice is then allocated at its final size (presize)
// instead of doubling as the decoder appends.
func Unmarshal(data []byte, v any) error {
	budget := payload.MaxAmplification*uint64(len(data)) + payload.AmplificationSlack
	if s, ok := survey(data, payload.MaxDepth, reflect.TypeOf(v), budget); ok {
		if s.deepAt >= 0 {
			return &payload.DecodeError{Err: payload.ErrTooDeep, Offset: int64(s.deepAt), Length: len(data)}
		}
		if s.cost > budget {
			return &payload.DecodeError{Err: payload.ErrTooManyElements, Offset: -1, Length: len(data)}
		}
		presize(v, s.lists, len(data))
	}
	// No copy: the decoded strings point into data, which the caller never
	// writes again (see the package doc).
	rest, err := segjson.Parse(data, v, flags)
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

// maskMapKeys masks the keys of path that index a map of t (data, such as
// a configuration parameter's name, not a field name): render writes them
// "[*]", so a DecodeError never quotes them.
func maskMapKeys(path []step, t reflect.Type) {
	for i := range path {
		for t != nil && t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t == nil {
			return
		}
		switch {
		case path[i].index >= 0 && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
			t = t.Elem()
		case path[i].index < 0 && t.Kind() == reflect.Map:
			path[i].key, path[i].masked = "", true
			t = t.Elem()
		case path[i].index < 0 && t.Kind() == reflect.Struct:
			ft, ok := fieldType(t, path[i].key)
			if !ok {
				t = nil
				continue
			}
			t = ft
		default:
			// an interface{} or a type of its own decoding: what is below is
			// data of unknown shape
			for j := i; j < len(path); j++ {
				if path[j].index < 0 {
					path[j].key, path[j].masked = "", true
				}
			}
			return
		}
	}
}

// maxMismatches bounds the decodes of a body with values of unexpected
// types: each one found costs one more encoding/json pass, and all passes
// together read at most maxSlowBytes (but always two).
const (
	maxMismatches = 16
	maxSlowBytes  = 64 << 20
)

// slow decodes data into v again with encoding/json, from a zero v, and
// turns its error into a *payload.DecodeError. encoding/json reports the
// first value of an unexpected type only, and leaves it (and any later one)
// allocated and zero, which would read as a real 0 or "": so each mistyped
// value is cut out of a copy of the body (an object member removed, an
// array element made null) and the copy decoded again, until none is left
// (at most maxMismatches times, fewer for bodies of several MiB).
func slow(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return json.Unmarshal(data, v) // *json.InvalidUnmarshalError
	}
	var first *payload.DecodeError
	work := data
	for n := 0; ; n++ {
		rv.Elem().SetZero() // undo what the previous pass decoded
		err := json.Unmarshal(work, v)
		var syn *json.SyntaxError
		switch {
		case err == nil && first == nil:
			return nil // segmentio and encoding/json disagreed: encoding/json's semantics are the contract
		case err == nil:
			return first
		case errors.As(err, &syn):
			if first != nil {
				return first // cutting made it worse (should not happen): report what was found
			}
			return malformed(data, syn, rv.Elem().Type())
		}
		// A value refused: by its JSON type (encoding/json knows where) or
		// by its Go type's UnmarshalJSON (found by trying each such value).
		path, start := []step(nil), -1
		var typ *json.UnmarshalTypeError
		errors.As(err, &typ)
		if typ != nil && typ.Offset > 0 {
			path, start = pathAt(work, int(typ.Offset)-1)
		}
		if start < 0 {
			if p, at, ok := locate(work, 0, rv.Elem().Type(), nil); ok {
				path, start = p, at
			}
		}
		maskMapKeys(path, rv.Elem().Type())
		if first == nil {
			first = refused(err, typ, path, len(data))
		} else {
			first.More++
		}
		if n+1 >= maxMismatches || (n+2)*len(data) > maxSlowBytes && n > 0 || start < 0 {
			return first
		}
		work = cut(work, start)
	}
}

// malformed describes a syntax error: nothing decoded.
func malformed(data []byte, syn *json.SyntaxError, t reflect.Type) *payload.DecodeError {
	de := &payload.DecodeError{Err: payload.ErrSyntax, Offset: syn.Offset, Length: len(data)}
	if len(bytes.TrimSpace(data)) == 0 {
		de.Err = payload.ErrNoBody
	}
	path, _ := pathAt(data, int(syn.Offset)-1)
	maskMapKeys(path, t)
	de.Path = render(path)
	return de
}

// refused describes the first value encoding/json refused, at path.
func refused(err error, typ *json.UnmarshalTypeError, path []step, length int) *payload.DecodeError {
	de := &payload.DecodeError{Err: payload.ErrValue, Offset: -1, Length: length, Path: render(path)}
	var deep *payload.DecodeError
	switch {
	case typ != nil:
		de.Err, de.Want = payload.ErrType, typ.Type.String()
		de.Got, _, _ = strings.Cut(typ.Value, " ") // "number 12.5": the kind, never the value
		if typ.Offset > 0 {
			de.Offset = typ.Offset
		}
		if de.Path == "" && typ.Field != "" {
			de.Path = typ.Field // encoding/json's dotted path, no indices
		}
	case errors.As(err, &deep):
		// a value decoded by this package inside an UnmarshalJSON
		de.Want, de.Got = deep.Want, deep.Got
	}
	// Any other error came from an UnmarshalJSON: its text may quote the
	// value, so it is not kept.
	return de
}

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

// locate finds the first value in data (from i, of Go type t) that its
// type's UnmarshalJSON refuses, walking the JSON and the type together; it
// returns its path and where it starts. Only the error path runs it.
func locate(data []byte, i int, t reflect.Type, path []step) ([]step, int, bool) {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	end := valueEnd(data, i)
	if end < 0 {
		return nil, -1, false
	}
	for t.Kind() == reflect.Pointer && !t.Implements(unmarshaler) {
		t = t.Elem()
	}
	if t.Implements(unmarshaler) || reflect.PointerTo(t).Implements(unmarshaler) {
		if json.Unmarshal(data[i:end], reflect.New(t).Interface()) != nil {
			return path, i, true
		}
		return nil, -1, false
	}
	within := func(j int, elem reflect.Type, s step) ([]step, int, bool) {
		return locate(data, j, elem, append(path[:len(path):len(path)], s))
	}
	switch {
	case data[i] == '{' && (t.Kind() == reflect.Struct || t.Kind() == reflect.Map):
		for j := i + 1; j < end; {
			for j < end && (isSpace(data[j]) || data[j] == ',') {
				j++
			}
			if j >= end || data[j] != '"' {
				break
			}
			kend := stringEnd(data, j)
			var key string
			if json.Unmarshal(data[j:kend], &key) != nil {
				return nil, -1, false
			}
			j = kend
			for j < end && (isSpace(data[j]) || data[j] == ':') {
				j++
			}
			vend := valueEnd(data, j)
			if vend < 0 {
				return nil, -1, false
			}
			elem, ok := t, true
			if t.Kind() == reflect.Struct {
				elem, ok = fieldType(t, key)
			} else {
				elem = t.Elem()
			}
			if ok {
				if p, at, found := within(j, elem, step{key: key, index: -1}); found {
					return p, at, true
				}
			}
			j = vend
		}
	case data[i] == '[' && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		for j, k := i+1, 0; j < end; k++ {
			for j < end && (isSpace(data[j]) || data[j] == ',') {
				j++
			}
			if j >= end || data[j] == ']' {
				break
			}
			vend := valueEnd(data, j)
			if vend < 0 {
				return nil, -1, false
			}
			if p, at, found := within(j, t.Elem(), step{index: k}); found {
				return p, at, true
			}
			j = vend
		}
	}
	return nil, -1, false
}

// fieldType finds the type of the struct field encoding/json decodes key
// into: the exact JSON name first, then one equal under case folding.
func fieldType(t reflect.Type, key string) (reflect.Type, bool) {
	var fold reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := jsonName(f)
		if name == "-" {
			continue
		}
		if name == key {
			return f.Type, true
		}
		if fold == nil && strings.EqualFold(name, key) {
			fold = f.Type
		}
	}
	return fold, fold != nil
}

// cut returns a copy of data without the value starting at start: removed
// with its key when it is an object member, null when it is an array
// element (indices stay), and data itself at the top level.
func cut(data []byte, start int) []byte {
	end := valueEnd(data, start)
	if end < 0 {
		return data
	}
	// Back from the value over space and ':' to its key, if any.
	i := start - 1
	for i >= 0 && isSpace(data[i]) {
		i--
	}
	if i < 0 || data[i] != ':' {
		out := make([]byte, 0, len(data))
		out = append(out, data[:start]...)
		out = append(out, "null"...)
		return append(out, data[end:]...)
	}
	i--
	for i >= 0 && isSpace(data[i]) {
		i--
	}
	keyStart := keyOpening(data, i)
	if keyStart < 0 {
		return data
	}
	from, to := keyStart, end
	j := to
	for j < len(data) && isSpace(data[j]) {
		j++
	}
	if j < len(data) && data[j] == ',' {
		to = j + 1 // "key":value, → drop the comma after
	} else {
		k := from - 1
		for k >= 0 && isSpace(data[k]) {
			k--
		}
		if k >= 0 && data[k] == ',' {
			from = k // ,"key":value} → drop the comma before
		}
	}
	out := make([]byte, 0, len(data))
	out = append(out, data[:from]...)
	return append(out, data[to:]...)
}

// keyOpening returns the index of the opening quote of the string whose
// closing quote is at i, or -1.
func keyOpening(data []byte, i int) int {
	if i < 0 || data[i] != '"' {
		return -1
	}
	for j := i - 1; j >= 0; j-- {
		if data[j] != '"' {
			continue
		}
		backslashes := 0
		for k := j - 1; k >= 0 && data[k] == '\\'; k-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return j
		}
	}
	return -1
}

// valueEnd returns the index after the JSON value starting at i, or -1.
func valueEnd(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				j = stringEnd(data, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(data) && !isSpace(data[j]) && data[j] != ',' && data[j] != '}' && data[j] != ']' {
		j++
	}
	return j
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// step is one step of a JSON path: an object key (decoded) or an array index.
type step struct {
	key    string
	index  int  // -1 for a key
	masked bool // a map's key (data): written [*] (maskMapKeys)
}

// pathAt returns the JSON path of the innermost value at byte pos of data,
// outermost first (none at the top level), and the index where that value
// starts (-1 when pos is not inside a value).
func pathAt(data []byte, pos int) ([]step, int) {
	type frame struct {
		array    bool
		index    int
		key      []byte // the raw key, quotes included
		inValue  bool   // past the key's ':' (objects) or inside an element (arrays)
		valStart int    // where the current member's value starts
	}
	next := func(i int) int { // the first non-space index from i
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		return i
	}
	var st []frame
	for i := 0; i < pos && i < len(data); {
		switch data[i] {
		case '{':
			st = append(st, frame{})
		case '[':
			st = append(st, frame{array: true, inValue: true, valStart: next(i + 1)})
		case '}', ']':
			if len(st) > 0 {
				st = st[:len(st)-1]
			}
		case ',':
			if n := len(st); n > 0 {
				if st[n-1].array {
					st[n-1].index++
					st[n-1].valStart = next(i + 1)
				} else {
					st[n-1].key, st[n-1].inValue = nil, false
				}
			}
		case ':':
			if n := len(st); n > 0 {
				st[n-1].inValue = true
				st[n-1].valStart = next(i + 1)
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
	start := next(0)
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
			return path, -1
		}
		start = f.valStart
	}
	if len(st) == 0 {
		return nil, -1 // the whole body: nothing to cut
	}
	return path, start
}

// render writes a path as object keys joined by dots and array indices in
// brackets ("instances[3].port"). Keys are names, not values; a long or
// unusual one is quoted and cut to 64 bytes.
func render(path []step) string {
	var b strings.Builder
	for _, s := range path {
		if s.masked {
			b.WriteString("[*]")
			continue
		}
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
	return !errors.Is(de.Err, payload.ErrSyntax) && !errors.Is(de.Err, payload.ErrNoBody) && !errors.Is(de.Err, payload.ErrTooDeep) &&
		!errors.Is(de.Err, payload.ErrTooManyElements), de
}

// Undocumented is the error of a generated parser for a 2xx status its
// operation does not document (a 201 or 204 where the spec says 200 with a
// body): the call did not fail, but there is no typed result to read, so it
// must not look like a success with a result. The response (and its raw
// Body) come back with it.
func Undocumented(operation string, rsp *http.Response, body []byte) error {
	return &payload.DecodeError{Operation: operation, StatusCode: rsp.StatusCode,
		ContentType: mediaType(rsp.Header.Get("Content-Type")), Offset: -1, Length: len(body), Err: payload.ErrUndocumented}
}
