package jsoncodec

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

// minPresize is the shortest list presize allocates ahead: shorter ones
// cost little to grow.
const minPresize = 64

// Bounds of what survey follows and records, so that its work and memory
// stay linear in the body whatever it holds (the generated results have
// their lists a few members deep, under short names): containers at most
// maxFollowDepth deep, lists recorded only under member names of at most
// maxFollowKey bytes, and at most maxFollowLists distinct paths. Without
// them, lists deep under long names cost their path's length each: 21 GiB
// for a 1.7 MiB body. What is not followed still counts in the cost, at
// the widest element of the innermost followed container's type.
const (
	maxFollowDepth = 8
	maxFollowKey   = 128
	maxFollowLists = 64
)

// surveyed is what survey learnt of a body.
type surveyed struct {
	deepAt int            // where the body nests deeper than max; -1: nowhere
	lists  map[string]int // big lists reachable through object members (see survey)
	// cost bounds the bytes of slice elements decoding the body into t
	// allocates: each element of a followed array at its element type's
	// size, each element of an array inside one of those elements at the
	// largest slice element type reachable from that element type (an
	// array the Go type has no field for costs nothing: it is skipped).
	cost uint64
}

// survey walks a body once, strings skipped,
// and reports where it nests deeper than maxDepth, the length of each array of
// at least minPresize elements that is reached from the top through object
// members only ("instances", "Data" + "\x00" + "List"; "" for a top-level
// array), keyed by that path of member names joined with "\x00", and what
// its arrays cost decoded into t (see surveyed).
//
// segmentio decodes by recursion: a body of a few MiB of '[' would
// overflow the stack, a fatal error no recover catches. A body with at most
// maxDepth brackets cannot be too deep; if, besides, every comma and bracket
// starting an element of t's widest slice would still cost at most budget
// bytes, it cannot decode into too much either (a list of `null`s has no
// brackets: 5 bytes of JSON for each zero struct). Such bodies, most of
// them, are only counted (bytes.Count is vectorised): ok is false for them.
func survey(data []byte, maxDepth int, t reflect.Type, budget uint64) (s surveyed, ok bool) {
	s.deepAt = -1
	if t == nil {
		return s, false // not a pointer: the decoder refuses it
	}
	brackets := bytes.Count(data, []byte{'['}) + bytes.Count(data, []byte{'{'})
	if brackets <= maxDepth &&
		uint64(brackets+bytes.Count(data, []byte{','})+1)*maxSliceElem(t) <= budget {
		return s, false
	}
	// frames are the containers on the path from the top while that path
	// goes through object members only: frames[d-1] is at depth d. arrays
	// says of every open container whether it is an array.
	var frames []frame
	var arrays []bool
	var lastString []byte // in a followed object, the key of the next value
	var path []byte       // the path of a list, built in place (pathOf)
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			end := stringEnd(data, i) // len(data) when unterminated: the decoder reports it
			if depth := len(arrays); len(frames) == depth && depth > 0 && !frames[depth-1].array {
				lastString = data[i+1 : max(i+1, end-1)]
			}
			i = end - 1
		case '[', '{':
			array := data[i] == '['
			arrays = append(arrays, array)
			depth := len(arrays)
			if depth > maxDepth {
				s.deepAt = i
				return s, true
			}
			empty := false
			if array {
				j := i + 1
				for j < len(data) && isSpace(data[j]) {
					j++
				}
				empty = j < len(data) && data[j] == ']'
			}
			if len(frames) != depth-1 || depth > maxFollowDepth || depth > 1 && frames[depth-2].array {
				// inside a container not followed (an element of a followed
				// array, or too deep): costed at the innermost followed
				// container's widest element
				if array && !empty && len(frames) > 0 {
					s.cost += frames[len(frames)-1].nested
				}
				continue
			}
			f := frame{array: array, empty: empty}
			if depth == 1 {
				f.typ = deref(t)
			} else {
				f.key = lastString
				f.typ = memberType(frames[depth-2].typ, lastString)
			}
			if array {
				f.each, f.nested = elemCosts(f.typ)
				if !empty {
					s.cost += f.each
				}
			} else if f.typ != nil {
				f.nested = maxSliceElem(f.typ)
			}
			frames = append(frames, f)
		case ',':
			depth := len(arrays)
			if depth == 0 || !arrays[depth-1] {
				continue
			}
			if len(frames) == depth {
				frames[depth-1].commas++
				s.cost += frames[depth-1].each
			} else if len(frames) > 0 {
				s.cost += frames[len(frames)-1].nested
			}
		case ']', '}':
			depth := len(arrays)
			if depth == 0 {
				continue // unbalanced: the decoder reports it
			}
			if len(frames) == depth {
				if f := frames[depth-1]; f.array && !f.empty && f.commas+1 >= minPresize && f.typ != nil && plainNames(frames) {
					if s.lists == nil {
						s.lists = map[string]int{}
					}
					path = pathOf(path[:0], frames)
					if _, seen := s.lists[string(path)]; seen || len(s.lists) < maxFollowLists {
						s.lists[string(path)] = f.commas + 1
					}
				}
				frames = frames[:depth-1]
			}
			arrays = arrays[:depth-1]
		}
	}
	return s, true
}

// deref returns t without its pointers (nil for nil).
func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// memberType is the type a member named key of an object decoded into t
// decodes into: a struct's field (exact JSON name, else the first that
// matches ignoring case, as the decoders do), a map's element, any for an
// interface, the type itself when it has its own UnmarshalJSON; nil when
// the decoder skips it. A name with escapes is unescaped first, as the
// decoders do.
func memberType(t reflect.Type, key []byte) reflect.Type {
	switch {
	case t == nil:
		return nil
	case decodesItself(t):
		return t // its own UnmarshalJSON decodes it: its widest element bounds it
	case t.Kind() == reflect.Map:
		return deref(t.Elem())
	case t.Kind() == reflect.Interface:
		return t
	case t.Kind() != reflect.Struct:
		return nil
	}
	name := string(key)
	if bytes.IndexByte(key, '\\') >= 0 {
		// the decoders match the name unescaped ("instance\u0073" is instances)
		quoted := append(append([]byte{'"'}, key...), '"')
		if json.Unmarshal(quoted, &name) != nil {
			return nil // not a valid name: the decoder refuses the body
		}
	}
	if idx, ok := fieldByJSONName(t, name); ok {
		return deref(t.FieldByIndex(idx).Type)
	}
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && !f.Anonymous && strings.EqualFold(jsonName(f), name) {
			return deref(f.Type)
		}
	}
	return nil
}

// anyElem is what one element decoded into an interface costs at most: its
// 16 bytes in a []any, and the map or slice an object or array element
// becomes (an empty map is 48 bytes).
const anyElem = 64

// elemCosts returns what one element of a JSON array decoded into t costs
// (the slice element's size; anyElem for an interface, which makes a []any),
// and what one element of an array nested in it can cost at most.
func elemCosts(t reflect.Type) (each, nested uint64) {
	switch {
	case t == nil:
		return 0, 0
	case t.Kind() == reflect.Interface:
		return anyElem, anyElem
	case decodesItself(t):
		// a Nullable[[]T] or a union: whatever it decodes an array into is
		// bounded by its widest slice element
		w := maxSliceElem(t)
		return w, w
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		return uint64(t.Elem().Size()), maxSliceElem(t.Elem())
	}
	return 0, 0 // the decoder refuses the array
}

// maxElemSizes caches maxSliceElem.
var maxElemSizes sync.Map // reflect.Type → uint64

// maxSliceElem is the size of the largest element of a slice (or anyElem
// for an interface's []any) reachable from t.
func maxSliceElem(t reflect.Type) uint64 {
	if v, ok := maxElemSizes.Load(t); ok {
		return v.(uint64)
	}
	m := widest(t, map[reflect.Type]bool{})
	maxElemSizes.Store(t, m)
	return m
}

func widest(t reflect.Type, seen map[reflect.Type]bool) uint64 {
	if seen[t] {
		return 0
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Array:
		return widest(t.Elem(), seen)
	case reflect.Slice:
		return max(uint64(t.Elem().Size()), widest(t.Elem(), seen))
	case reflect.Map:
		return widest(t.Elem(), seen)
	case reflect.Interface:
		return anyElem
	case reflect.Struct:
		var m uint64
		for i := 0; i < t.NumField(); i++ {
			m = max(m, widest(t.Field(i).Type, seen))
		}
		return m
	}
	return 0
}

// frame is a container survey follows.
type frame struct {
	array  bool
	key    []byte       // the member name this container is the value of (a view of the body)
	typ    reflect.Type // what it decodes into (pointers removed); nil: skipped by the decoder
	commas int          // at its own level: elements - 1
	empty  bool
	each   uint64 // an array's: what one of its elements costs (elemCosts)
	nested uint64 // an array's: what one element of an array inside its elements costs at most
}

// plainNames: every member name on the path of frames is short and has no
// escape (presize looks fields up by the raw name; a long one would make
// each recorded path long).
func plainNames(frames []frame) bool {
	for _, f := range frames {
		if len(f.key) > maxFollowKey || bytes.IndexByte(f.key, '\\') >= 0 {
			return false
		}
	}
	return true
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
		if jsonName(f) == name {
			return f.Index, true
		}
	}
	return nil, false
}

// jsonName is the JSON name of f: its tag's, else its Go name; "-" for a
// field the decoders ignore.
func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "-"
	}
	if n, _, _ := strings.Cut(tag, ","); n != "" {
		return n
	}
	return f.Name
}
