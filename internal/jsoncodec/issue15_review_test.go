package jsoncodec_test

// Review of issue 15 (survey + presize): a body with more than
// payload.MaxDepth brackets is walked before decoding; whatever it holds,
// Unmarshal must not panic and must decode what encoding/json decodes.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv1"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/internal/jsoncodec"
	"github.com/cachesdk/cachesdk/payload"
)

// manyBrackets builds prefix + n copies of item (comma-separated, n large
// enough for the body to hold more than payload.MaxDepth brackets) + suffix.
func manyBrackets(prefix, item, suffix string) []byte {
	k := strings.Count(item, "[") + strings.Count(item, "{")
	n := payload.MaxDepth/max(k, 1) + 1
	if k == 0 {
		item += ",{}" // the brackets come from the padding
	}
	if len(item) > 256 {
		item = item[:256]
	}
	var b bytes.Buffer
	b.WriteString(prefix)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(item)
	}
	b.WriteString(suffix)
	return b.Bytes()
}

// compareWithEncodingJSON decodes body into DCS V2's ListInstances result
// both ways: same success, same result.
func compareWithEncodingJSON(t *testing.T, body []byte) {
	t.Helper()
	var ours, std dcsv2.ListInstancesOutput
	err := jsoncodec.Unmarshal(body, &ours)
	stdErr := json.Unmarshal(body, &std)
	if (err == nil) != (stdErr == nil) {
		t.Fatalf("codec error %v, encoding/json error %v", err, stdErr)
	}
	if err != nil {
		if !errors.As(err, new(*payload.DecodeError)) {
			t.Fatalf("error %T is no *payload.DecodeError", err)
		}
		return
	}
	if !reflect.DeepEqual(ours, std) {
		a, _ := json.Marshal(ours)
		b, _ := json.Marshal(std)
		t.Fatalf("codec %.300s\nencoding/json %.300s", a, b)
	}
}

var reviewSeeds = [][3]string{
	{`{"instance_num":3,"instances":[`, `{"name":"a","port":6379}`, `]}`},
	{`{"instances":[`, `{"name":"a"}`, `],"instances":null}`},                            // duplicate key, null last
	{`{"instances":null,"INSTANCES":[`, `{"name":"a"}`, `]}`},                            // case-insensitive key
	{`{"Instances":[`, `{"name":"a"}`, `]}`},                                             // another case only
	{`{"inst\u0061nces":[`, `{"name":"a"}`, `]}`},                                        // escaped key
	{`{"instances":[`, `{"name":"a"}`, `}`},                                              // mismatched bracket
	{`{"instances":[`, `{"name":"a"}`, `],"`},                                            // truncated after a quote
	{`{"instances":[`, `{"name":"a"}`, `],"x`},                                           // unterminated string
	{`{"instances":[`, `{"name":"a]"}`, `]}`},                                            // brackets in strings
	{`[`, `{"name":"a"}`, `]`},                                                           // top-level array
	{`{"instances":[`, `[]`, `]}`},                                                       // wrong element type
	{`{"instances":[`, `{"available_zones":["a","b"]}`, `]}`},                            // nested lists
	{`{"instances":{"a":[`, `{}`, `]}}`},                                                 // object where a list is
	{`{"instances":[`, `{"name":"a"}`, `],"instances":[{"name":"b"}]}`},                  // duplicate, short last
	{`{"instances":[`, `{"name":"a"}`, `]} trailing`},                                    // trailing garbage
	{`{"instances":[`, `{"name":"\"]"}`, `]}`},                                           // escaped quote
	{`{"instance_num":[`, `{}`, `]}`},                                                    // list into a number
	{`{"instances":[,`, `{}`, `]}`},                                                      // leading comma
	{`{"instances":[`, `{}`, `,]}`},                                                      // trailing comma
	{`{"\\":[`, `{}`, `]}`},                                                              // key of one escape
	{`{"instances":[`, `null`, `]}`},                                                     // null elements
	{`{"instances":[`, `{"access_user":null,"backend_addrs":"x","description":1}`, `]}`}, // nullable fields
}

// TestIssue15ReviewSurveyOddBodies: hostile or odd bodies with many
// brackets decode as encoding/json decodes them, and never panic (a body
// ending in a lone quote made survey slice data[len:len-1]).
func TestIssue15ReviewSurveyOddBodies(t *testing.T) {
	for _, s := range reviewSeeds {
		t.Run(s[0]+s[2], func(t *testing.T) { compareWithEncodingJSON(t, manyBrackets(s[0], s[1], s[2])) })
	}
}

// FuzzIssue15ManyBrackets: prefix + many items + suffix (more than
// payload.MaxDepth brackets, so survey and presize run) decodes as
// encoding/json decodes it.
func FuzzIssue15ManyBrackets(f *testing.F) {
	for _, s := range reviewSeeds {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, prefix, item, suffix string) {
		if len(prefix) > 512 || len(suffix) > 512 {
			return
		}
		compareWithEncodingJSON(t, manyBrackets(prefix, item, suffix))
	})
}

// ownDecoding decodes itself, and ignores "list" (it keeps only a count).
type ownDecoding struct {
	List []map[string]int `json:"list"`
	N    int              `json:"-"`
}

func (o *ownDecoding) UnmarshalJSON(b []byte) error {
	o.N = len(b)
	return nil
}

// TestIssue15ReviewPresizeLeavesSelfDecodingTypesAlone: presize must not
// reach into a value that decodes itself (its UnmarshalJSON decides what its
// fields hold): a list it ignores stayed an empty, non-nil slice.
func TestIssue15ReviewPresizeLeavesSelfDecodingTypesAlone(t *testing.T) {
	type outer struct {
		Wrap  ownDecoding  `json:"wrap"`
		WrapP *ownDecoding `json:"wrapp"`
	}
	list := `{"list":[` + strings.Repeat(`{"a":1,"b":2},`, payload.MaxDepth) + `{}]}`
	body := []byte(`{"wrap":` + list + `,"wrapp":` + list + `}`)
	var ours, std outer
	if err := jsoncodec.Unmarshal(body, &ours); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &std); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ours, std) {
		t.Fatalf("codec wrap.list %#v (nil %v), wrapp.list nil %v; encoding/json nil %v, %v",
			len(ours.Wrap.List), ours.Wrap.List == nil, ours.WrapP.List == nil, std.Wrap.List == nil, std.WrapP.List == nil)
	}
}

// TestIssue15ReviewSurveyIsLinear: survey built the "\x00"-joined path of
// every list of 64 or more elements it met, as a new string kept in its map:
// lists deep under long member names cost the path's length each, so a
// 1.7 MiB body (2,000 objects deep under 250-byte names, 9,000 lists)
// allocated 21 GiB in 15 s. Allocation stays a small multiple of the body.
func TestIssue15ReviewSurveyIsLinear(t *testing.T) {
	nest := func(depth int, key string, lists int) []byte {
		var b strings.Builder
		for range depth {
			b.WriteString(`{"` + key + `":`)
		}
		b.WriteString("{")
		for i := range lists {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"a%d":[%s0]`, i, strings.Repeat("0,", 63))
		}
		b.WriteString(strings.Repeat("}", depth+1))
		return []byte(b.String())
	}
	for name, body := range map[string][]byte{
		"deep":     nest(9000, "kkkkkkkkkk", 1100),               // paths of 9,000 names
		"long key": nest(1, strings.Repeat("k", 100<<10), 10001), // a path of one 100 KiB name
	} {
		var v dcsv2.ListInstancesOutput
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err := jsoncodec.Unmarshal(body, &v)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 16*uint64(len(body)) {
			t.Errorf("%s: a body of %d KiB allocated %d MiB", name, len(body)>>10, n>>20)
		}
	}
}

// TestIssue15ReviewUnionResultsDoNotChange: a union's As<Member> decodes
// from the union's raw member without copying, and the union's
// UnmarshalJSON (json.RawMessage's) overwrote that member in place when the
// union was decoded again: a string As<Member> had returned changed (the
// DCS V1 backend_addrs of an instance decoded into a reused struct).
func TestIssue15ReviewUnionResultsDoNotChange(t *testing.T) {
	var inst dcsv1.InstanceListInfo
	if err := jsoncodec.Unmarshal([]byte(`{"backend_addrs":"10.0.0.1:6379"}`), &inst); err != nil {
		t.Fatal(err)
	}
	first, err := inst.BackendAddrs.AsBackendAddrs0()
	if err != nil {
		t.Fatal(err)
	}
	if err := jsoncodec.Unmarshal([]byte(`{"backend_addrs":"10.9.9.9:6379"}`), &inst); err != nil {
		t.Fatal(err)
	}
	if first != "10.0.0.1:6379" {
		t.Fatalf("a string As<Member> returned changed to %q", first)
	}
}
