package jsoncodec

// Issue 15 item 2: a big list is decoded into a slice allocated at its
// final size (survey + presize), not grown by doubling (15 MiB of abandoned
// arrays for 10,000 DCS instances); the result is the same.

import (
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	segjson "github.com/segmentio/encoding/json"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/payload"
)

type bigItem struct {
	ID   *string `json:"id,omitempty"`
	Tags []string
}

type bigList struct {
	Total *int       `json:"total,omitempty"`
	Items *[]bigItem `json:"items,omitempty"`
	Data  *struct {
		List []bigItem `json:"list"`
	} `json:"Data,omitempty"`
	Raw json.RawMessage `json:"raw,omitempty"`
}

func bigBody(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"total":1,"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":"i-%d","Tags":["a","b]"]}`, i)
	}
	b.WriteString(`],"Data":{"list":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(" , ")
		}
		fmt.Fprintf(&b, `{"id":"d-%d"}`, i)
	}
	b.WriteString(`]},"raw":[[1,2],[3]]}`)
	return []byte(b.String())
}

func TestIssue15SurveyFindsTheBigLists(t *testing.T) {
	typ := reflect.TypeFor[*bigList]()
	s, ok := survey(bigBody(3000), 1000, typ, 1)
	require.True(t, ok)
	require.Equal(t, -1, s.deepAt)
	require.Equal(t, map[string]int{"items": 3000, "Data\x00list": 3000}, s.lists,
		"lists of elements (not the Tags of each item, not raw's short ones) by their member path")
	item := uint64(reflect.TypeFor[bigItem]().Size())
	// 6000 items, 2 tags each (16-byte strings); raw is a RawMessage (its
	// own UnmarshalJSON): each of its 5 elements, nested or not, a byte.
	require.Equal(t, 6000*item+3000*2*16+5, s.cost)

	s, ok = survey([]byte(`[`+strings.Repeat(`{"a":[1,2]},`, 99)+`{}]`), 10, reflect.TypeFor[*[]map[string][]int](), 1)
	require.True(t, ok)
	require.Equal(t, map[string]int{"": 100}, s.lists, "a top-level array")
	entry := mapEntry(reflect.TypeFor[map[string][]int]())
	require.Equal(t, uint64(100*8+99*entry+99*2*8), s.cost, "100 maps in the slice, an entry in 99 of them, 2 ints in each entry")

	s, _ = survey([]byte(`{"x":[`+strings.Repeat(`{},`, 99)+`{}]}`), 10, reflect.TypeFor[*map[string]any](), 1)
	require.Equal(t, uint64(anyMember+100*anyElem), s.cost, "an element decoded into an interface is a map or slice of its own")

	s, _ = survey([]byte(strings.Repeat("[", 20)+strings.Repeat("]", 20)), 10, typ, 1)
	require.Equal(t, 10, s.deepAt, "the depth check still stands")

	_, ok = survey([]byte(`{"items":[{}]}`), 10, typ, 1<<20)
	require.False(t, ok, "a body of few brackets is only counted")
}

// Found while measuring issue 15: a body of 4 MiB of `{},` in a DCS V2
// list decoded into 2.9 GiB of instances (32 MiB, the default body limit,
// would take ~23 GiB). Such a body is refused before decoding.
func TestIssue15TinyElementsIntoBigStructsAreRefused(t *testing.T) {
	type big struct {
		Items []struct {
			ID  *string `json:"id"`
			Pad [80]int64
		} `json:"items"`
	}
	body := []byte(`{"items":[{}` + strings.Repeat(`,{}`, (1<<20)/3) + `]}`)
	var v big
	n := allocated(func() {
		err := Unmarshal(body, &v)
		require.ErrorIs(t, err, payload.ErrTooManyElements)
	})
	require.Nil(t, v.Items, "nothing decoded")
	require.Less(t, n, uint64(len(body)), "refused before decoding (it would take %d MiB)", (len(body)/3*656)>>20)

	// The same count of elements that carry their data is decoded.
	honest := []byte(`{"items":[` + strings.Repeat(`{"id":"`+strings.Repeat("x", 100)+`"},`, 20000) + `{}]}`)
	require.NoError(t, Unmarshal(honest, &v))
	require.Len(t, v.Items, 20001)

	// Elements without brackets: `null` decodes into a zero struct, and
	// `0` into one too on encoding/json's path after a type error.
	for _, elem := range []string{`null`, `0`, `""`} {
		flat := []byte(`{"items":[` + elem + strings.Repeat(`,`+elem, (1<<20)/(len(elem)+1)) + `]}`)
		n := allocated(func() {
			require.ErrorIs(t, Unmarshal(flat, &v), payload.ErrTooManyElements, elem)
		})
		require.Less(t, n, uint64(len(flat)), elem)
	}

	// A member name the decoder unescapes ("item\u0073") is the same list,
	// and so is one that differs in case.
	for _, name := range []string{`item\u0073`, `ITEMS`} {
		escaped := []byte(`{"` + name + `":[{}` + strings.Repeat(`,{}`, (1<<20)/3) + `]}`)
		require.ErrorIs(t, Unmarshal(escaped, &v), payload.ErrTooManyElements, name)
	}

	// Arrays the Go type has no field for cost nothing: the decoder skips them.
	unknown := []byte(`{"other":[0` + strings.Repeat(`,0`, 1<<20) + `]}`)
	require.NoError(t, Unmarshal(unknown, &v))
}

func TestIssue15PresizedDecodeEqualsPlainDecode(t *testing.T) {
	body := bigBody(5000)
	var ours, std bigList
	require.NoError(t, Unmarshal(body, &ours))
	require.NoError(t, json.Unmarshal(body, &std))
	require.Equal(t, std, ours)
	require.Len(t, *ours.Items, 5000)
	require.Equal(t, 5000, cap(*ours.Items), "allocated once, at its size")
	require.Equal(t, 5000, cap(ours.Data.List))
}

func TestIssue15PresizeAllocatesLessThanGrowing(t *testing.T) {
	body := bigBody(20000)
	decode := func() {
		var v bigList
		if err := Unmarshal(body, &v); err != nil {
			t.Fatal(err)
		}
	}
	grown := allocated(func() {
		var v bigList
		_, err := segjsonParse(body, &v)
		require.NoError(t, err)
	})
	presized := allocated(decode)
	// Two lists of 20,000 items of 32 bytes: 1.3 MiB at their size, about
	// twice that grown by doubling.
	require.Less(t, presized, grown-(1<<20), "presized %d B, grown %d B", presized, grown)
}

// A body of commas (invalid JSON) announcing millions of elements makes
// presize allocate at most the body's length, and the decode fails.
func TestIssue15CommaBombIsBounded(t *testing.T) {
	body := []byte(`{"items":[` + strings.Repeat(",", 4<<20) + `]}`)
	var v bigList
	n := allocated(func() { require.Error(t, Unmarshal(body, &v)) })
	require.Less(t, n, uint64(3*len(body)))
}

func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// segjsonParse decodes as Unmarshal does, without survey and presize.
func segjsonParse(data []byte, v any) ([]byte, error) { return segjson.Parse(data, v, flags) }
