package nullable_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/nullable"
)

type inner struct {
	A string `json:"a"`
	B int    `json:"b,omitempty"`
}

// roundTrip encodes a struct holding n under omitzero and decodes it back,
// checking the wire form.
func roundTrip[T any](t *testing.T, n nullable.Nullable[T], wire string) {
	t.Helper()
	type doc struct {
		F nullable.Nullable[T] `json:"f,omitempty,omitzero"`
	}
	out, err := json.Marshal(doc{F: n})
	require.NoError(t, err)
	require.Equal(t, wire, string(out))
	var back doc
	require.NoError(t, json.Unmarshal(out, &back))
	require.Equal(t, n, back.F)
	require.Equal(t, n.IsSpecified(), back.F.IsSpecified())
	require.Equal(t, n.IsNull(), back.F.IsNull())
}

func TestRoundTrips(t *testing.T) {
	roundTrip(t, nullable.Nullable[string]{}, `{}`)
	roundTrip(t, nullable.NewNullNullable[string](), `{"f":null}`)
	roundTrip(t, nullable.NewNullableWithValue("x\"y\\z\u00e9<"), `{"f":"x\"y\\zé\u003c"}`)
	roundTrip(t, nullable.NewNullableWithValue(""), `{"f":""}`)

	roundTrip(t, nullable.Nullable[bool]{}, `{}`)
	roundTrip(t, nullable.NewNullNullable[bool](), `{"f":null}`)
	roundTrip(t, nullable.NewNullableWithValue(false), `{"f":false}`)
	roundTrip(t, nullable.NewNullableWithValue(true), `{"f":true}`)

	roundTrip(t, nullable.Nullable[[]string]{}, `{}`)
	roundTrip(t, nullable.NewNullNullable[[]string](), `{"f":null}`)
	roundTrip(t, nullable.NewNullableWithValue([]string{"a", "b"}), `{"f":["a","b"]}`)
	roundTrip(t, nullable.NewNullableWithValue([]string{}), `{"f":[]}`)

	roundTrip(t, nullable.Nullable[map[string]string]{}, `{}`)
	roundTrip(t, nullable.NewNullNullable[map[string]string](), `{"f":null}`)
	roundTrip(t, nullable.NewNullableWithValue(map[string]string{"k": "v"}), `{"f":{"k":"v"}}`)

	roundTrip(t, nullable.Nullable[inner]{}, `{}`)
	roundTrip(t, nullable.NewNullNullable[inner](), `{"f":null}`)
	roundTrip(t, nullable.NewNullableWithValue(inner{A: "a", B: 2}), `{"f":{"a":"a","b":2}}`)
	roundTrip(t, nullable.NewNullableWithValue(inner{}), `{"f":{"a":""}}`)
}

func TestStatesAndGet(t *testing.T) {
	var n nullable.Nullable[string]
	assert.False(t, n.IsSpecified())
	assert.False(t, n.IsNull())
	assert.True(t, n.IsZero())
	v, err := n.Get()
	assert.Equal(t, "", v)
	assert.ErrorIs(t, err, nullable.ErrUnspecified)
	assert.EqualError(t, err, "value is not specified")
	assert.PanicsWithError(t, "value is not specified", func() { n.MustGet() })

	n.SetNull()
	assert.True(t, n.IsSpecified())
	assert.True(t, n.IsNull())
	assert.False(t, n.IsZero())
	_, err = n.Get()
	assert.ErrorIs(t, err, nullable.ErrNull)
	assert.EqualError(t, err, "value is null")
	assert.PanicsWithError(t, "value is null", func() { n.MustGet() })

	n.Set("")
	assert.True(t, n.IsSpecified())
	assert.False(t, n.IsNull())
	assert.False(t, n.IsZero(), "a zero value is still specified")
	v, err = n.Get()
	require.NoError(t, err)
	assert.Equal(t, "", v)
	assert.Equal(t, "", n.MustGet())

	n.Set("x")
	n.SetUnspecified()
	assert.Equal(t, nullable.Nullable[string]{}, n, "SetUnspecified is the zero value")
	n.Set("x")
	n.SetNull()
	assert.Equal(t, nullable.NewNullNullable[string](), n, "SetNull drops the value")
}

// MarshalJSON of an unspecified value (a field without omitzero) is null;
// omitempty alone never omits a struct.
func TestMarshalUnspecifiedIsNull(t *testing.T) {
	out, err := json.Marshal(struct {
		F nullable.Nullable[int] `json:"f,omitempty"`
		G nullable.Nullable[int] `json:"g"`
		H nullable.Nullable[int] `json:"h,omitzero"`
	}{})
	require.NoError(t, err)
	assert.Equal(t, `{"f":null,"g":null}`, string(out))
}

func TestUnmarshal(t *testing.T) {
	for in, want := range map[string]nullable.Nullable[string]{
		`null`:              nullable.NewNullNullable[string](),
		" \t\r\nnull \n":    nullable.NewNullNullable[string](),
		`"plain"`:           nullable.NewNullableWithValue("plain"),
		` "spaced" `:        nullable.NewNullableWithValue("spaced"),
		`""`:                nullable.NewNullableWithValue(""),
		`"中文"`:              nullable.NewNullableWithValue("中文"),
		`"a\"b\\c\n\u00e9"`: nullable.NewNullableWithValue("a\"b\\c\né"),
		"\"bad\xffutf8\"":   nullable.NewNullableWithValue("bad\ufffdutf8"),
	} {
		var got nullable.Nullable[string]
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		assert.Equal(t, want, got, in)
		var direct nullable.Nullable[string]
		require.NoError(t, direct.UnmarshalJSON([]byte(in)), in)
		assert.Equal(t, want, direct, in)
	}
}

// A value of the wrong JSON type is encoding/json's *UnmarshalTypeError
// naming the types, directly and inside a struct (with the field), and
// the Nullable is left unchanged.
func TestUnmarshalTypeError(t *testing.T) {
	n := nullable.NewNullableWithValue("kept")
	err := n.UnmarshalJSON([]byte(`123`))
	var typ *json.UnmarshalTypeError
	require.True(t, errors.As(err, &typ), "%T %v", err, err)
	assert.Equal(t, "number", typ.Value)
	assert.Equal(t, "string", typ.Type.String())
	assert.Equal(t, "kept", n.MustGet())

	var doc struct {
		Outer struct {
			F nullable.Nullable[string] `json:"f"`
		} `json:"outer"`
	}
	err = json.Unmarshal([]byte(`{"outer":{"f":123}}`), &doc)
	require.True(t, errors.As(err, &typ), "%T %v", err, err)
	assert.Equal(t, "outer.f", typ.Field)
	assert.Equal(t, "string", typ.Type.String())

	var b nullable.Nullable[bool]
	require.True(t, errors.As(b.UnmarshalJSON([]byte(`"true"`)), &typ))
	assert.False(t, b.IsSpecified())

	var syn *json.SyntaxError
	require.True(t, errors.As(n.UnmarshalJSON([]byte(`"unterminated`)), &syn))
	require.Error(t, n.UnmarshalJSON(nil))
	assert.Equal(t, "kept", n.MustGet())
}

// The decoded value never shares memory with the input: decoders may reuse
// their buffer.
func TestUnmarshalDoesNotRetainInput(t *testing.T) {
	for _, in := range []string{`"plain"`, `"esc\"aped"`, `"中文"`} {
		data := []byte(in)
		var n nullable.Nullable[string]
		require.NoError(t, n.UnmarshalJSON(data))
		want := n.MustGet()
		wantCopy := string([]byte(want))
		for i := range data {
			data[i] = 'X'
		}
		assert.Equal(t, wantCopy, n.MustGet(), in)
	}

	data := []byte(`["a","b"]`)
	var s nullable.Nullable[[]string]
	require.NoError(t, s.UnmarshalJSON(data))
	for i := range data {
		data[i] = 'X'
	}
	assert.Equal(t, []string{"a", "b"}, s.MustGet())

	data = []byte(`{"k":"v"}`)
	var m nullable.Nullable[map[string]string]
	require.NoError(t, m.UnmarshalJSON(data))
	for i := range data {
		data[i] = 'X'
	}
	assert.Equal(t, map[string]string{"k": "v"}, m.MustGet())
}

func TestUnmarshalAllocations(t *testing.T) {
	null := []byte(`null`)
	plain := []byte(`"dcs-instance-01"`)
	var n nullable.Nullable[string]
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		if err := n.UnmarshalJSON(null); err != nil || !n.IsNull() {
			panic("null")
		}
	}), "decoding null")
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() {
		if err := n.UnmarshalJSON(plain); err != nil || n.MustGet() != "dcs-instance-01" {
			panic("plain")
		}
	}), "decoding a plain string literal")
	var b nullable.Nullable[bool]
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		if err := b.UnmarshalJSON(null); err != nil || !b.IsNull() {
			panic("null")
		}
	}), "decoding null")
	yes, no := []byte(" true"), []byte("false")
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		if err := b.UnmarshalJSON(yes); err != nil || !b.MustGet() {
			panic("true")
		}
		if err := b.UnmarshalJSON(no); err != nil || b.MustGet() {
			panic("false")
		}
	}), "decoding a bool")
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		n.Set("x")
		n.SetNull()
		n.SetUnspecified()
		_ = nullable.NewNullableWithValue("y").MustGet()
	}), "holding a null or a value")
}
