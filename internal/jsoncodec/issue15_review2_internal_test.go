package jsoncodec

// Second review of issue 15: survey looks up the member names of every
// object it meets (a list's items included), so memberType must cost no
// more than a map lookup whatever the key, and answer what the decoders'
// rules (exact name, else the first ignoring case, escapes unescaped) do.

import (
	"encoding/json"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// memberTypeByRules is memberType written as the rules say, field by field.
func memberTypeByRules(t reflect.Type, key []byte) reflect.Type {
	var name string
	if json.Unmarshal(append(append([]byte{'"'}, key...), '"'), &name) != nil {
		return nil
	}
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && !f.Anonymous && jsonName(f) == name {
			return deref(f.Type)
		}
	}
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && !f.Anonymous && strings.EqualFold(jsonName(f), name) {
			return deref(f.Type)
		}
	}
	return nil
}

type review2Fields struct {
	Kind   *[]int            `json:"kind"`
	KIND   *[]string         `json:"KIND"`
	Status []bool            `json:"status"`
	Plain  map[string]string // no tag: its Go name
	Skip   int               `json:"-"`
	Nón    []int8            `json:"nón"`
	hidden []int
}

func TestIssue15Review2MemberTypeFollowsTheRules(t *testing.T) {
	typ := reflect.TypeFor[review2Fields]()
	asciiOnly := reflect.TypeFor[struct {
		Kind   []int   `json:"kind"`
		Status []int16 `json:"status"`
		Long   []int32 `json:"sss"`
	}]()
	pieces := []string{"k", "K", "\u212a", `\u212A`, `\u212a`, "i", "I", "n", "d", "s", "S", "\u017f", `\u017F`, "ta", "TA", "tu",
		"ó", "Ó", `\u00f3`, "plain", "Plain", "-", "hidden", `\"`, `\\`, `\/`, `\ud83d\ude00`, `\ud83d`, `\x`, `\u00`, "\xff", "é"}
	r := rand.New(rand.NewSource(15))
	var buf []byte
	for range 200000 {
		var b strings.Builder
		for range r.Intn(7) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		key := []byte(b.String())
		for _, ty := range []reflect.Type{typ, asciiOnly} {
			var got reflect.Type
			got, buf = memberType(ty, key, buf[:0])
			require.Equal(t, memberTypeByRules(ty, key), got, "%s %q", ty, key)
		}
	}
}

func TestIssue15Review2MemberTypeDoesNotAllocate(t *testing.T) {
	typ := reflect.TypeFor[review2Fields]()
	keys := [][]byte{[]byte("STATUS"), []byte(`st\u0061tus`), []byte("zzzzzzzzzz"), []byte("\u212aind")}
	buf := make([]byte, 0, 64)
	memberType(typ, keys[0], buf)
	n := testing.AllocsPerRun(100, func() {
		for _, k := range keys {
			memberType(typ, k, buf[:0])
		}
	})
	require.Zero(t, n, "a lookup per object of every item must not allocate")
}
