package jsoncodec

import (
	"bytes"
	"reflect"
	"strings"
)

// minPresize is the shortest list presize allocates ahead: shorter ones
// cost little to grow.
const minPresize = 64

// Bounds of what survey follows, so that its work and memory stay linear in
// the body whatever it holds (the generated results have their lists a few
// members deep, under short names): containers at most maxFollowDepth deep,
// through member names of at most maxFollowKey bytes, and at most
// maxFollowLists distinct paths recorded. Without them, lists deep under
// long names cost their path's length each: 21 GiB for a 1.7 MiB body.
const (
	maxFollowDepth = 8
	maxFollowKey   = 128
	maxFollowLists = 64
)

// survey returns the offset where data nests arrays and objects deeper than
// max (-1 if nowhere), and the length of each array of at least minPresize
// elements that is reached from the top through object members only
// ("instances", "Data" + "\x00" + "List"; "" for a top-level array), keyed
// by that path of member names joined with "\x00".
//
// segmentio decodes by recursion: a body of a few MiB of '[' would
// overflow the stack, a fatal error no recover catches. A body with at most
// max brackets in all can be neither too deep nor hold such a list worth
// presizing, so most bodies are only counted (bytes.Count is vectorised);
// the others are walked once, strings skipped. Lists deeper than
// maxFollowDepth or under a name longer than maxFollowKey are not reported,
// nor lists at more than maxFollowLists paths.
func survey(data []byte, max int) (deepAt int, lists map[string]int) {
	if bytes.Count(data, []byte{'['})+bytes.Count(data, []byte{'{'}) <= max {
		return -1, nil
	}
	// frames are the containers on the path from the top while that path
	// goes through object members only: frames[d-1] is at depth d.
	var frames []frame
	var lastString []byte // in a followed object, the key of the next value
	var path []byte       // the path of a list, built in place (pathOf)
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			end := stringEnd(data, i) // len(data) when unterminated: the decoder reports it
			if len(frames) == depth && depth > 0 && !frames[depth-1].array {
				lastString = nil // a lone '"' ending the body: data[i+1:end-1] would be data[i+1:i]
				if end-1 > i {
					lastString = data[i+1 : end-1]
				}
			}
			i = end - 1
		case '[', '{':
			if depth++; depth > max {
				return i, nil
			}
			if len(frames) != depth-1 || depth > maxFollowDepth {
				continue // inside a container not followed, or too deep
			}
			f := frame{array: data[i] == '['}
			if depth > 1 {
				if frames[depth-2].array || len(lastString) > maxFollowKey || bytes.IndexByte(lastString, '\\') >= 0 {
					continue // an element of a list, a long or an escaped name
				}
				f.key = lastString
			}
			if f.array {
				j := i + 1
				for j < len(data) && isSpace(data[j]) {
					j++
				}
				f.empty = j < len(data) && data[j] == ']'
			}
			frames = append(frames, f)
		case ',':
			if len(frames) == depth && depth > 0 && frames[depth-1].array {
				frames[depth-1].commas++
			}
		case ']', '}':
			if len(frames) == depth && depth > 0 {
				if f := frames[depth-1]; f.array && !f.empty && f.commas+1 >= minPresize {
					if lists == nil {
						lists = map[string]int{}
					}
					path = pathOf(path[:0], frames)
					if _, seen := lists[string(path)]; seen || len(lists) < maxFollowLists {
						lists[string(path)] = f.commas + 1
					}
				}
				frames = frames[:depth-1]
			}
			depth--
		}
	}
	return -1, lists
}

// frame is a container survey follows.
type frame struct {
	array  bool
	key    []byte // the member name this container is the value of (a view of the body)
	commas int    // at its own level: elements - 1
	empty  bool
}

// pathOf appends the member names of frames joined with "\x00" to b.
func pathOf(b []byte, frames []frame) []byte {
	for k, f := range frames[1:] {
		if k > 0 {
			b = append(b, 0)
		}
		b = append(b, f.key...)
	}
	return b
}

// presize gives each list of lists found in v (a pointer) a slice of its
// final length as capacity (length 0), so the decoder fills it without
// growing it: a 10,000-item list of 600-byte items otherwise allocates
// twice its size in abandoned arrays. It follows struct fields by their
// JSON names (exact match) through struct pointers, which it allocates
// (the body has an object there); anything else, and any value that has
// its own UnmarshalJSON, it leaves alone. The
// capacity allocated for one list is at most budget bytes (the body's
// length: an honest item is bigger in JSON than in Go), so a body of
// commas cannot make it allocate more than the body.
func presize(v any, lists map[string]int, budget int) {
	if len(lists) == 0 {
		return
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return
	}
	for path, n := range lists {
		var names []string
		if path != "" {
			names = strings.Split(path, "\x00")
		}
		presizeAt(rv.Elem(), names, n, budget)
	}
}

func presizeAt(v reflect.Value, names []string, n, budget int) {
	for _, name := range names {
		if v.Kind() == reflect.Pointer {
			if v.Type().Elem().Kind() != reflect.Struct || decodesItself(v.Type().Elem()) {
				return
			}
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct || decodesItself(v.Type()) {
			return
		}
		f, ok := fieldByJSONName(v.Type(), name)
		if !ok {
			return
		}
		v = v.FieldByIndex(f)
	}
	if v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Slice && !decodesItself(v.Type().Elem()) {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if v.Kind() == reflect.Slice && v.Cap() < n && v.Type().Elem().Kind() != reflect.Uint8 && !decodesItself(v.Type()) &&
		uint64(n)*uint64(v.Type().Elem().Size()) <= uint64(budget) {
		v.Set(reflect.MakeSlice(v.Type(), 0, n))
	}
}

// decodesItself reports whether a value of t is decoded by its own
// UnmarshalJSON: what its fields (or elements) hold is then its business,
// and a field presize filled in could stay an empty list where the decoder
// would have left nil.
func decodesItself(t reflect.Type) bool {
	return t.Implements(unmarshaler) || reflect.PointerTo(t).Implements(unmarshaler)
}

// fieldByJSONName finds the exported field of t whose JSON name is name
// (its tag's, else its Go name); embedded structs are not searched.
func fieldByJSONName(t reflect.Type, name string) ([]int, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		jn, _, _ := strings.Cut(tag, ",")
		if jn == "" {
			jn = f.Name
		}
		if jn == name {
			return f.Index, true
		}
	}
	return nil, false
}
