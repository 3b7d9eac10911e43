package jsoncodec

// Issue 15 item 2: a big list is decoded into a slice allocated at its
// final size (survey + presize), not grown by doubling (15 MiB of abandoned
// arrays for 10,000 DCS instances); the result is the same.

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"

	segjson "github.com/segmentio/encoding/json"
	"github.com/stretchr/testify/require"
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
	at, lists := survey(bigBody(3000), 1000)
	require.Equal(t, -1, at)
	require.Equal(t, map[string]int{"items": 3000, "Data\x00list": 3000}, lists,
		"lists of elements (not the Tags of each item, not raw's short ones) by their member path")

	at, lists = survey([]byte(`[`+strings.Repeat(`{"a":[1,2]},`, 99)+`{}]`), 10)
	require.Equal(t, -1, at)
	require.Equal(t, map[string]int{"": 100}, lists, "a top-level array")

	at, _ = survey([]byte(strings.Repeat("[", 20)+strings.Repeat("]", 20)), 10)
	require.Equal(t, 10, at, "the depth check still stands")
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
