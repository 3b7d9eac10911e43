package apierror

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"
)

// topLevel finds the raw JSON values of the named keys at the top level of a
// JSON object, without decoding the rest: the success path of every call
// runs it, so it allocates nothing (but for escaped keys). raw[i] is set to
// key i's value as written (nil when absent; an empty key name never
// matches). ok reports whether body is a well-formed JSON object as far as
// it was read, followed by nothing but white space.
//
// many has bit i set when key i is named more than once, counting every
// spelling the typed decode would take for it: encoding/json and
// segmentio/encoding/json match object keys to struct fields ignoring
// letter case (Unicode simple folding, as strings.EqualFold) and after
// unescaping, the last one winning. So "Code" next to "code" or
// "C\u006fde" sets the bit: the value in raw is then not necessarily the
// one the typed result holds.
//
// variant has bit i set when key i appears once only, in a spelling other
// than its name ("code" for "Code"); raw[i] then holds that value.
func topLevel(body []byte, keys []string, raw [][]byte) (ok bool, many, variant uint) {
	i := skipSpace(body, 0)
	if i >= len(body) || body[i] != '{' {
		return false, 0, 0
	}
	i = skipSpace(body, i+1)
	if i < len(body) && body[i] == '}' {
		return skipSpace(body, i+1) == len(body), 0, 0
	}
	var seen uint
	for {
		if i >= len(body) || body[i] != '"' {
			return false, many, variant
		}
		end := skipString(body, i)
		if end < 0 {
			return false, many, variant
		}
		key := body[i+1 : end-1]
		quoted := body[i:end]
		i = skipSpace(body, end)
		if i >= len(body) || body[i] != ':' {
			return false, many, variant
		}
		i = skipSpace(body, i+1)
		vend := skipValue(body, i)
		if vend < 0 {
			return false, many, variant
		}
		for k, name := range keys {
			if name == "" {
				continue
			}
			bit := uint(1) << k
			exact := string(key) == name
			if !exact && !sameField(key, quoted, name) {
				continue
			}
			switch {
			case seen&bit != 0:
				many |= bit
				variant &^= bit
			case !exact:
				variant |= bit
			}
			seen |= bit
			if exact || raw[k] == nil {
				raw[k] = body[i:vend]
			}
		}
		i = skipSpace(body, vend)
		if i >= len(body) {
			return false, many, variant
		}
		switch body[i] {
		case ',':
			i = skipSpace(body, i+1)
		case '}':
			return skipSpace(body, i+1) == len(body), many, variant
		default:
			return false, many, variant
		}
	}
}

// sameField reports whether the key (raw between its quotes) decodes to a
// name the JSON decoders would match to the struct field name.
func sameField(key, quoted []byte, name string) bool {
	for _, c := range key {
		if c == '\\' {
			var s string
			if json.Unmarshal(quoted, &s) != nil {
				return false
			}
			return strings.EqualFold(s, name)
		}
	}
	return equalFold(key, name)
}

// equalFold is strings.EqualFold for a []byte and a string, without
// converting either.
func equalFold(b []byte, s string) bool {
	for len(b) > 0 && len(s) > 0 {
		r, n := utf8.DecodeRune(b)
		q, m := utf8.DecodeRuneInString(s)
		b, s = b[n:], s[m:]
		if r == q {
			continue
		}
		if r > q {
			r, q = q, r
		}
		if q < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' && q == r+'a'-'A' {
				continue
			}
			return false
		}
		f := unicode.SimpleFold(r)
		for f != r && f < q {
			f = unicode.SimpleFold(f)
		}
		if f != q {
			return false
		}
	}
	return len(b) == 0 && len(s) == 0
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the closing quote of the string at i, or -1.
func skipString(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skipValue returns the index after the JSON value at i, or -1. Nested
// objects and arrays are skipped by depth, strings by their quotes.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = skipString(b, j)
				if j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	default:
		j := i
		for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\n' && b[j] != '\r' && b[j] != '\t' {
			j++
		}
		if j == i {
			return -1
		}
		return j
	}
}
