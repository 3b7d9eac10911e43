// Package payload holds the errors of reading and decoding a response body,
// shared by every vendor client (the generated parsers, the typed-error step
// of the chain and the body reader all return them):
//
//   - *TooLargeError: the body was longer than the configured limit
//     (Config.MaxResponseBytes of each vendor; default DefaultMaxBytes);
//   - *DecodeError: a documented body was missing, not JSON, or did not fit
//     its Go type. The response still comes back with the error: its Body
//     holds the raw bytes, and its typed result (JSON200 …) holds everything
//     that did decode when the body was valid JSON.
//
// Neither error's text ever quotes the response body: a body may carry
// passwords and keys (DCS ShowInstance, CreateInstance).
//
//	out, err := c.ShowInstance(ctx, id)
//	var de *payload.DecodeError
//	if errors.As(err, &de) {
//		log.Printf("%s: field %s: want %s, got JSON %s", de.Operation, de.Path, de.Want, de.Got)
//		use(out.JSON200) // every other field, decoded
//	}
package payload

import (
	"errors"
	"strconv"
	"strings"
)

// DefaultMaxBytes is the response body limit when none is configured:
// 32 MiB. The largest real response, a DCS ListInstances page of 2,000
// instances, is a few MiB.
const DefaultMaxBytes int64 = 32 << 20

// TooLargeError reports a response body longer than Limit bytes. Nothing of
// the body is kept; reading stopped at the limit (or before reading, when
// the announced Content-Length already exceeded it).
type TooLargeError struct {
	Limit int64 // the limit in bytes
	// Announced is the Content-Length when it alone exceeded the limit, or -1.
	Announced int64
}

func (e *TooLargeError) Error() string {
	s := "response body exceeds the limit of " + size(e.Limit) + " (MaxResponseBytes)"
	if e.Announced >= 0 {
		s += ": Content-Length " + strconv.FormatInt(e.Announced, 10)
	}
	return s
}

// Retryable reports false: the same call would return the same body.
func (e *TooLargeError) Retryable() bool { return false }

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// MaxDepth is the deepest nesting of arrays and objects a response body may
// have: encoding/json's own limit. The documented bodies nest a few levels.
const MaxDepth = 10000

// MaxAmplification and AmplificationSlack bound the memory the arrays and
// maps of a response body may decode into: at most MaxAmplification times
// the body's length plus AmplificationSlack bytes of slice elements and map
// entries (an object decoded into a map or an interface). An honest list
// decodes into about its own length: DCS instances of ~1.3 KiB of JSON into
// ~0.7 KiB each. A body of `{},{},…` decoding into large structs would
// otherwise take hundreds of times its length (4 MiB into 2.9 GiB). With
// the default body limit (32 MiB) a call decodes into at most 320 MiB of
// slices and maps. The slack also spares lists of up to a few thousand items the
// scan that checks it (their commas alone cannot exceed it).
const (
	MaxAmplification   = 8
	AmplificationSlack = 64 << 20
)

// The kinds of DecodeError, for errors.Is.
var (
	// ErrNoBody: the operation documents a JSON body for this status and the
	// response had none (an empty body).
	ErrNoBody = errors.New("documented JSON body missing")
	// ErrNotJSON: the body is neither announced as JSON (Content-Type) nor
	// looks like it (its first non-space byte is not '{' or '[').
	ErrNotJSON = errors.New("body is not JSON")
	// ErrSyntax: the body is not well-formed JSON (truncated, say); nothing
	// was decoded.
	ErrSyntax = errors.New("malformed JSON")
	// ErrTooDeep: the body nests arrays and objects deeper than any real
	// response (MaxDepth); nothing was decoded (a hostile body could
	// otherwise exhaust the stack).
	ErrTooDeep = errors.New("JSON nested too deeply")
	// ErrTooManyElements: the body's arrays and maps would decode into more
	// memory than MaxAmplification allows (many tiny elements, such as `{}`, each
	// decoding into a large struct); nothing was decoded.
	ErrTooManyElements = errors.New("JSON arrays and objects would decode into too much memory")
	// ErrUndocumented: a 2xx status the operation does not document (a 201
	// where the spec says 200): no typed result can be read from it.
	ErrUndocumented = errors.New("undocumented success status")
	// ErrType: a value has a JSON type its Go field cannot hold (a string
	// where the spec says integer); every other field was decoded.
	ErrType = errors.New("JSON value of an unexpected type")
	// ErrValue: a value was refused by its Go type's own decoder (an
	// UnmarshalJSON method); every other field was decoded. (flex.String
	// refusing a JSON type reports ErrType.)
	ErrValue = errors.New("JSON value refused by its type")
)

// DecodeError reports a response body that could not be decoded whole into
// the operation's typed result. Its text names the operation, the status,
// the field path and the types, never a byte of the body.
type DecodeError struct {
	Operation   string // the operation id ("ShowInstance"); "" when decoded outside a client
	StatusCode  int    // HTTP status; 0 when decoded outside a client
	ContentType string // the response's media type ("text/html"), "" when absent
	// Path is the JSON path of the offending value, object keys joined by
	// dots and array indices in brackets: "port", "instances[3].port"; ""
	// for the whole body or when unknown. A key of a map (data, not a field
	// name: a configuration parameter, a tag) is written "[*]".
	Path   string
	Want   string // the Go type the spec gives the value ("int", "string"), when known
	Got    string // the JSON type received: "string", "number", "object", "array", "bool", "null"
	Offset int64  // byte offset in the body where decoding failed, -1 when not applicable
	Length int    // the body's length in bytes
	// More counts further values of unexpected types after the one named
	// (ErrType only). Each one counted is left absent from the typed
	// result, not decoded as a zero value. The search stops after 15 more
	// (fewer for bodies of several MiB); values past that point that are
	// also mistyped hold encoding/json's zero value.
	More int
	Err  error // the kind: ErrNoBody, ErrNotJSON, ErrSyntax, ErrTooDeep, ErrType, ErrValue or ErrUndocumented
}

func (e *DecodeError) Error() string {
	var b strings.Builder
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	if e.StatusCode != 0 {
		b.WriteString("HTTP ")
		b.WriteString(strconv.Itoa(e.StatusCode))
		b.WriteString(": ")
	}
	b.WriteString("decoding the response body: ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("failed")
	}
	if e.Path != "" {
		b.WriteString(" at ")
		b.WriteString(e.Path)
	}
	if e.Want != "" || e.Got != "" {
		b.WriteString(" (want ")
		b.WriteString(or(e.Want, "?"))
		b.WriteString(", got JSON ")
		b.WriteString(or(e.Got, "?"))
		b.WriteString(")")
	}
	if e.More > 0 {
		b.WriteString(" and ")
		b.WriteString(strconv.Itoa(e.More))
		b.WriteString(" more")
	}
	if e.Offset >= 0 {
		b.WriteString(", byte ")
		b.WriteString(strconv.FormatInt(e.Offset, 10))
		b.WriteString(" of ")
	} else {
		b.WriteString("; ")
	}
	b.WriteString(strconv.Itoa(e.Length))
	b.WriteString(" bytes")
	if e.ContentType != "" {
		b.WriteString(", Content-Type ")
		b.WriteString(e.ContentType)
	}
	return b.String()
}

// Unwrap returns the kind (ErrType …).
func (e *DecodeError) Unwrap() error { return e.Err }

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
