package jsoncodec

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
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
	// cost bounds the bytes decoding the body into t allocates for its
	// arrays and maps, each container costed by the Go type it decodes
	// into: each element of an array at its slice's element size (anyElem
	// into an interface), each member of an object decoded into a map or
	// an interface at memberCost (a struct's members cost nothing more
	// than the struct); an array or object the Go type has no field for
	// costs nothing: the decoder skips it.
	cost uint64
}

// survey walks a body once, strings skipped,
// and reports where it nests deeper than maxDepth, the length of each array of
// at least minPresize elements that is reached from the top through object
// members only ("instances", "Data" + "\x00" + "List"; "" for a top-level
// array), keyed by that path of member names joined with "\x00", and what
// its arrays and maps cost decoded into t (see surveyed).
//
// segmentio decodes by recursion: a body of a few MiB of '[' would
// overflow the stack, a fatal error no recover catches. A body with at most
// maxDepth brackets cannot be too deep; if, besides, every comma and bracket
// starting an element or a member of t's costliest container would still
// cost at most budget bytes, it cannot decode into too much either (a list
// of `null`s has no brackets: 5 bytes of JSON for each zero struct). Such
// bodies, most of them, are only counted (bytes.Count is vectorised): ok is
// false for them.
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
	// open is every open container, innermost last, with the type it
	// decodes into. frames are the containers on the path from the top
	// while that path goes through object members only: frames[d-1] is at
	// depth d (see plainNames and pathOf).
	var open []container
	var frames []frame
	var lastString []byte // in an object, the key of the next container
	var path []byte       // the path of a list, built in place (pathOf)
	var members memberTypes
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			end := stringEnd(data, i) // len(data) when unterminated: the decoder reports it
			if depth := len(open); depth > 0 && !open[depth-1].array {
				lastString = data[i+1 : max(i+1, end-1)]
			}
			i = end - 1
		case '[', '{':
			array := data[i] == '['
			var typ reflect.Type
			switch depth := len(open); {
			case depth == 0:
				typ = deref(t)
			case open[depth-1].array:
				typ = open[depth-1].elem
			default:
				typ = members.of(open[depth-1].typ, lastString)
			}
			c := container{array: array, typ: typ}
			if typ != nil {
				k := costsOf(typ)
				c.each, c.elem = k.member, k.elem
				if array {
					c.each = k.each
				}
			}
			open = append(open, c)
			depth := len(open)
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
				if empty = j < len(data) && data[j] == ']'; !empty {
					s.cost += c.each // the first element; a comma starts each other
				}
			}
			if len(frames) != depth-1 || depth > maxFollowDepth || depth > 1 && frames[depth-2].array {
				continue // not on a path of object members from the top
			}
			f := frame{array: array, empty: empty, typ: typ}
			if depth > 1 {
				f.key = lastString
			}
			frames = append(frames, f)
		case ',':
			if depth := len(open); depth > 0 && open[depth-1].array {
				s.cost += open[depth-1].each
				if len(frames) == depth {
					frames[depth-1].commas++
				}
			}
		case ':':
			if depth := len(open); depth > 0 && !open[depth-1].array {
				s.cost += open[depth-1].each // a member of a map or an interface
			}
		case ']', '}':
			depth := len(open)
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
			open = open[:depth-1]
		}
	}
	return s, true
}

// container is a container open in survey's walk.
type container struct {
	array bool
	typ   reflect.Type // what it decodes into (pointers removed); nil: skipped by the decoder
	elem  reflect.Type // an array's: elemType(typ)
	each  uint64       // what each of its elements (elemCost) or members (memberCost) costs
}

// costs caches elemType, elemCost and memberCost of a type.
type costs struct {
	elem         reflect.Type
	each, member uint64
}

var costsByType sync.Map // reflect.Type → costs

func costsOf(t reflect.Type) costs {
	if v, ok := costsByType.Load(t); ok {
		return v.(costs)
	}
	k := costs{elem: elemType(t), each: elemCost(t), member: memberCost(t)}
	costsByType.Store(t, k)
	return k
}

// deref returns t without its pointers (nil for nil).
func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// maxCachedMembers bounds the member names memberTypes keeps for one type
// (a map's keys are data: a hostile body has as many as it likes).
const maxCachedMembers = 256

// memberTypes caches memberType for one survey: the objects of a list's
// items have the same few members that hold containers.
type memberTypes struct {
	byType map[reflect.Type]map[string]reflect.Type
	buf    []byte // scratch for memberType
}

func (m *memberTypes) of(t reflect.Type, key []byte) reflect.Type {
	if t == nil {
		return nil
	}
	byName := m.byType[t]
	if r, ok := byName[string(key)]; ok {
		return r
	}
	var r reflect.Type
	r, m.buf = memberType(t, key, m.buf[:0])
	if byName == nil {
		if m.byType == nil {
			m.byType = map[reflect.Type]map[string]reflect.Type{}
		}
		byName = map[string]reflect.Type{}
		m.byType[t] = byName
	}
	if len(byName) < maxCachedMembers && len(key) <= maxFollowKey {
		byName[string(key)] = r
	}
	return r
}

// memberType is the type a member named key of an object decoded into t
// decodes into: a struct's field (exact JSON name, else the first that
// matches ignoring case, as the decoders do), a map's element, any for an
// interface, the type itself when it has its own UnmarshalJSON; nil when
// the decoder skips it. A name with escapes is unescaped first, as the
// decoders do. buf is scratch space, returned for reuse. Its work is
// bounded by the longest field name, whatever key holds (a hostile body
// has a new key in every item).
func memberType(t reflect.Type, key, buf []byte) (reflect.Type, []byte) {
	fi := indexOf(t)
	switch {
	case fi.self:
		return t, buf // its own UnmarshalJSON decodes it: its widest element bounds it
	case fi.kind == reflect.Map:
		return fi.elem, buf
	case fi.kind == reflect.Interface:
		return t, buf
	case fi.kind != reflect.Struct || len(key) > 6*fi.longest:
		// a longer key unescapes and folds to a longer name (an escape is
		// at most 6 bytes for a name's byte)
		return nil, buf
	}
	name := key
	if bytes.IndexByte(key, '\\') >= 0 {
		// the decoders match the name unescaped ("instance\u0073" is instances)
		var ok bool
		if name, ok = unescape(key, buf[:0]); !ok {
			return nil, buf // not a valid name: the decoder refuses the body
		}
		buf = name
	}
	if i, ok := fi.exact[string(name)]; ok {
		return fi.types[i], buf
	}
	if fi.folded != nil {
		// every name is ASCII: fold the key to ASCII lower case, or see
		// that no name can match it
		folded, ok := foldASCII(name, buf[len(buf):])
		buf = folded[:0]
		if !ok {
			return nil, buf
		}
		if i, ok := fi.folded[string(folded)]; ok {
			return fi.types[i], buf
		}
		return nil, buf
	}
	s := string(name)
	for i, n := range fi.names {
		if strings.EqualFold(n, s) {
			return fi.types[i], buf
		}
	}
	return nil, buf
}

// fieldIndex is what memberType needs to know of a type, computed once.
type fieldIndex struct {
	kind    reflect.Kind
	self    bool           // decodesItself
	elem    reflect.Type   // a map's element, pointers removed
	names   []string       // a struct's exported, not embedded fields' JSON names, in order
	fields  []int          // their field numbers in the struct
	types   []reflect.Type // their types, pointers removed
	exact   map[string]int // name → its first field
	folded  map[string]int // name in ASCII lower case → its first field; nil if a name is not ASCII
	longest int            // the longest name's length
}

var fieldIndexes sync.Map // reflect.Type → *fieldIndex

func indexOf(t reflect.Type) *fieldIndex {
	if v, ok := fieldIndexes.Load(t); ok {
		return v.(*fieldIndex)
	}
	fi := &fieldIndex{kind: t.Kind(), self: decodesItself(t)}
	switch fi.kind {
	case reflect.Map:
		fi.elem = deref(t.Elem())
	case reflect.Struct:
		fi.exact, fi.folded = map[string]int{}, map[string]int{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Anonymous {
				continue
			}
			n := jsonName(f)
			k := len(fi.names)
			fi.names, fi.fields, fi.types = append(fi.names, n), append(fi.fields, i), append(fi.types, deref(f.Type))
			fi.longest = max(fi.longest, len(n))
			if _, dup := fi.exact[n]; !dup {
				fi.exact[n] = k
			}
			if fi.folded == nil {
				continue
			}
			if !isASCII(n) {
				fi.folded = nil // a name not ASCII: EqualFold, one by one
				continue
			}
			if _, dup := fi.folded[strings.ToLower(n)]; !dup {
				fi.folded[strings.ToLower(n)] = k
			}
		}
	}
	v, _ := fieldIndexes.LoadOrStore(t, fi)
	return v.(*fieldIndex)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCII appends name in ASCII lower case to buf, as strings.EqualFold
// compares it with an ASCII name: the Kelvin sign is k and the long s is s
// (their case-folding orbits hold ASCII letters); any other non-ASCII
// character, or invalid UTF-8, matches no ASCII name (ok false).
func foldASCII(name, buf []byte) (folded []byte, ok bool) {
	for i := 0; i < len(name); {
		c := name[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(name[i:])
		switch r {
		case '\u212A': // KELVIN SIGN
			buf = append(buf, 'k')
		case '\u017F': // LATIN SMALL LETTER LONG S
			buf = append(buf, 's')
		default:
			return buf, false
		}
		i += n
	}
	return buf, true
}

// unescape appends the content of a JSON string (without its quotes)
// unescaped to buf; ok is false when it is not valid JSON.
func unescape(s, buf []byte) (_ []byte, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			buf = append(buf, c)
			continue
		}
		if i++; i >= len(s) {
			return buf, false
		}
		switch s[i] {
		case '"', '\\', '/':
			buf = append(buf, s[i])
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			if i+4 >= len(s) {
				return buf, false
			}
			r, err := strconv.ParseUint(string(s[i+1:i+5]), 16, 16)
			if err != nil {
				return buf, false
			}
			i += 4
			if utf16.IsSurrogate(rune(r)) {
				// a pair (or a lone half, which the decoders replace):
				// encoding/json's own way
				var name string
				quoted := append(append([]byte{'"'}, s...), '"')
				if json.Unmarshal(quoted, &name) != nil {
					return buf, false
				}
				return append(buf[:0], name...), true
			}
			buf = utf8.AppendRune(buf, rune(r))
		default:
			return buf, false
		}
	}
	return buf, true
}

// elemType is the type each element of an array decoded into t decodes
// into (nil: the decoder refuses or skips the array).
func elemType(t reflect.Type) reflect.Type {
	switch {
	case t == nil:
		return nil
	case t.Kind() == reflect.Interface || decodesItself(t):
		return t
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		return deref(t.Elem())
	}
	return nil
}

// anyElem is what one element decoded into an interface costs at most: its
// 16 bytes in a []any, and the map or slice an object or array element
// becomes (an empty map is 48 bytes).
const anyElem = 64

// anyMember is what one member of an object decoded into an interface
// costs (a map[string]any): its entry (a 16-byte key and a 16-byte value,
// about 72 bytes at the load of a grown table) and the map or slice its
// value may become (`[]` takes about 180 bytes). Measured: 1 Mi members of
// `"abcde":[]` took 24 times the body's length.
const anyMember = 4 * anyElem

// elemCost returns what one element of a JSON array decoded into t costs:
// the slice element's size; anyElem for an interface, which makes a []any;
// for a type with its own UnmarshalJSON (a Nullable[[]T], a union), the
// costliest container it can hold.
func elemCost(t reflect.Type) uint64 {
	switch {
	case t == nil:
		return 0
	case t.Kind() == reflect.Interface:
		return anyElem
	case decodesItself(t):
		return maxSliceElem(t)
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		return uint64(t.Elem().Size())
	}
	return 0 // the decoder refuses the array
}

// memberCost returns what one member of a JSON object decoded into t
// costs: nothing for a struct (its fields exist already), a map's entry
// (mapEntry), anyMember for an interface, the costliest container of a
// type with its own UnmarshalJSON.
func memberCost(t reflect.Type) uint64 {
	switch {
	case t == nil:
		return 0
	case t.Kind() == reflect.Interface:
		return anyMember
	case decodesItself(t):
		return maxSliceElem(t)
	case t.Kind() == reflect.Map:
		return mapEntry(t)
	}
	return 0
}

// mapEntry is what one entry of a map of type t costs: twice its key and
// value (a table grown by doubling is at least half full) and its control
// byte, and for an interface value the map or slice it may become.
func mapEntry(t reflect.Type) uint64 {
	n := 2*uint64(t.Key().Size()+t.Elem().Size()) + 8
	if t.Elem().Kind() == reflect.Interface {
		n += anyMember - 72
	}
	return n
}

// maxElemSizes caches maxSliceElem.
var maxElemSizes sync.Map // reflect.Type → uint64

// maxSliceElem is the most one element of an array or one member of an
// object decoded anywhere into t can cost (elemCost, memberCost).
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
		return max(mapEntry(t), widest(t.Elem(), seen))
	case reflect.Interface:
		return anyMember
	case reflect.Struct:
		var m uint64
		for i := 0; i < t.NumField(); i++ {
			m = max(m, widest(t.Field(i).Type, seen))
		}
		return m
	}
	return 0
}

// frame is a container survey follows for presize.
type frame struct {
	array  bool
	key    []byte       // the member name this container is the value of (a view of the body)
	typ    reflect.Type // what it decodes into (pointers removed); nil: skipped by the decoder
	commas int          // at its own level: elements - 1
	empty  bool
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
		fi := indexOf(v.Type())
		k, ok := fi.exact[name]
		if !ok {
			return
		}
		v = v.Field(fi.fields[k])
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
