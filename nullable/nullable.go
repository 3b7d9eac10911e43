// Package nullable is the three-state value the generated models use for
// every `nullable: true` property of the specs: absent, null, or a value.
//
// It keeps the exported API of github.com/oapi-codegen/nullable v1.1.0
// (NewNullableWithValue, NewNullNullable, Get, MustGet, Set, IsNull,
// IsSpecified, SetNull, SetUnspecified, MarshalJSON, UnmarshalJSON, and the
// same error texts), so code written against it ports by changing the import
// path only. What differs is the representation: upstream's Nullable is a
// map[bool]T, so every decoded null or value allocates a map (about 200
// bytes); with 10,000 DCS V2 instances in a list that was 18% of all bytes
// allocated (issue 15). This Nullable is a struct (the value and a state
// byte): holding a null or a value allocates nothing, and decoding null
// allocates nothing.
//
// Because it is a struct, encoding/json's `omitempty` never omits it; the
// generated fields are tagged `omitzero` (the specs declare `x-omitzero:
// true` on every nullable property, specs/README.md), and IsZero reports an
// unspecified value as zero, so an unspecified field is absent from the
// wire and a null one is sent as null.
package nullable

import (
	"encoding/json"
	"errors"

	"github.com/cachesdk/cachesdk/internal/jsonlit"
)

// ErrNull is Get's error for an explicit null. Its text is upstream's
// ("value is null").
var ErrNull = errors.New("value is null")

// ErrUnspecified is Get's error for an unspecified (absent) value. Its text
// is upstream's ("value is not specified").
var ErrUnspecified = errors.New("value is not specified")

// state is which of the three a Nullable holds; the zero state is
// unspecified, so the zero Nullable is.
type state uint8

const (
	unspecified state = iota
	null
	set
)

// Nullable holds one of three states of a JSON field:
//
//   - unspecified: the field was absent (the zero value; IsSpecified false);
//   - null: the field was an explicit JSON null (IsNull true);
//   - a value of T (Get returns it).
//
// Use it as a struct field tagged `json:"name,omitzero"` (or
// `omitempty,omitzero`, as the generator writes) so an unspecified field is
// left out when encoding; do not use *Nullable. Nullable[T] is comparable
// with == when T is. The value is held inline: no state allocates.
type Nullable[T any] struct {
	value T
	state state
}

// NewNullableWithValue returns a Nullable holding t.
func NewNullableWithValue[T any](t T) Nullable[T] {
	return Nullable[T]{value: t, state: set}
}

// NewNullNullable returns a Nullable holding an explicit null.
func NewNullNullable[T any]() Nullable[T] {
	return Nullable[T]{state: null}
}

// Get returns the value, or T's zero value and ErrNull when t is null, or
// ErrUnspecified when it is unspecified.
func (t Nullable[T]) Get() (T, error) {
	switch t.state {
	case set:
		return t.value, nil
	case null:
		var empty T
		return empty, ErrNull
	default:
		var empty T
		return empty, ErrUnspecified
	}
}

// MustGet returns the value; it panics with Get's error (ErrNull,
// ErrUnspecified) when t holds none.
func (t Nullable[T]) MustGet() T {
	v, err := t.Get()
	if err != nil {
		panic(err)
	}
	return v
}

// Set makes t hold value.
func (t *Nullable[T]) Set(value T) {
	*t = Nullable[T]{value: value, state: set}
}

// IsNull reports whether t holds an explicit null.
func (t Nullable[T]) IsNull() bool { return t.state == null }

// SetNull makes t hold an explicit null (any value it held is dropped).
func (t *Nullable[T]) SetNull() { *t = Nullable[T]{state: null} }

// IsSpecified reports whether t holds a null or a value (the field was sent).
func (t Nullable[T]) IsSpecified() bool { return t.state != unspecified }

// SetUnspecified makes t unspecified, the zero Nullable (any value it held
// is dropped).
func (t *Nullable[T]) SetUnspecified() { *t = Nullable[T]{} }

// IsZero reports whether t is unspecified, so that encoding/json's
// `omitzero` leaves an unspecified field out. A null or a zero value of T is
// not zero: they are sent.
func (t Nullable[T]) IsZero() bool { return t.state == unspecified }

// MarshalJSON encodes a value as encoding/json encodes T, and a null as
// `null`. An unspecified Nullable is also `null`: encoding/json only asks
// for it when the field is not tagged `omitzero`.
func (t Nullable[T]) MarshalJSON() ([]byte, error) {
	if t.state != set {
		return []byte("null"), nil
	}
	return json.Marshal(t.value)
}

// UnmarshalJSON decodes data (one JSON value, white space around it
// allowed): `null` makes t null, without allocating; anything else is
// decoded into a new T as encoding/json decodes it, and t holds it. A
// Nullable[string] decodes a string literal without escapes itself, with
// one allocation (the string's copy), and a Nullable[bool] true and false
// with none. data is never retained: decoders may
// reuse it.
//
// Errors are encoding/json's: a value of the wrong JSON type is a
// *json.UnmarshalTypeError (its Offset is 0, since the position within
// data means nothing to the caller decoding the enclosing document), and
// invalid JSON a *json.SyntaxError. On error t is unchanged.
func (t *Nullable[T]) UnmarshalJSON(data []byte) error {
	data = trim(data)
	if string(data) == "null" {
		t.SetNull()
		return nil
	}
	switch p := any(&t.value).(type) {
	case *string:
		if s, ok := jsonlit.Plain(data); ok {
			*p = string(s) // a copy: data is the decoder's
			t.state = set
			return nil
		}
	case *bool:
		if b := string(data); b == "true" || b == "false" {
			*p = b == "true"
			t.state = set
			return nil
		}
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			typ.Offset = 0
		}
		return err
	}
	t.Set(v)
	return nil
}

// trim removes JSON white space around data.
func trim(data []byte) []byte {
	for len(data) > 0 && isSpace(data[0]) {
		data = data[1:]
	}
	for len(data) > 0 && isSpace(data[len(data)-1]) {
		data = data[:len(data)-1]
	}
	return data
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
