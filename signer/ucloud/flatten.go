package ucloud

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
)

// Flatten turns a JSON object (as decoded by encoding/json, or built of Go
// maps, slices and scalars) into the flat parameters UCloud signs:
// booleans "true"/"false"; integers in decimal; floats without exponent and
// without a trailing ".0" (42.0 → "42", 1e21 → "1000000000000000000000");
// arrays to Name.0, Name.1…; objects to Name.Field; nil and empty strings,
// arrays and objects dropped (an array keeps the indexes of the items it
// drops). Decode with json.Decoder.UseNumber to keep large integers exact.
// A name produced twice, an empty key, NaN, ±Inf and values that are not
// JSON-like (structs, channels…) are errors.
func Flatten(obj map[string]any) (map[string]string, error) {
	ps, err := flattenInto(nil, "", obj, 0)
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		if _, dup := m[p.Name]; dup {
			return nil, fmt.Errorf("ucloud: parameter %s appears more than once", p.Name)
		}
		m[p.Name] = p.Value
	}
	return m, nil
}

// FlattenJSON decodes body, which must hold one JSON object, keeping numbers
// exact, and flattens it (see Flatten).
func FlattenJSON(body []byte) (map[string]string, error) {
	obj, err := decodeObject(body)
	if err != nil {
		return nil, err
	}
	return Flatten(obj)
}

var errNotObject = errors.New("ucloud: the JSON body is not a single JSON object")

// decodeObject decodes one JSON object with numbers kept as written. Errors
// say where, never what: the body may hold a password.
func decodeObject(body []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("ucloud: the JSON body is malformed at byte %d", syn.Offset)
		}
		return nil, errNotObject
	}
	if obj == nil || dec.More() {
		return nil, errNotObject
	}
	if _, err := dec.Token(); err == nil { // trailing data after the object
		return nil, errNotObject
	}
	return obj, nil
}

// maxDepth bounds nesting, so a cyclic Go value is an error, not a crash.
const maxDepth = 32

// flattenInto appends the parameters of v, named under prefix, to dst.
func flattenInto(dst []param, prefix string, v any, depth int) ([]param, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("ucloud: parameter %s nests deeper than %d levels", prefix, maxDepth)
	}
	switch x := v.(type) {
	case nil:
		return dst, nil
	case string:
		return appendParam(dst, prefix, x), nil
	case bool:
		return appendParam(dst, prefix, strconv.FormatBool(x)), nil
	case json.Number:
		s, err := formatNumber(string(x))
		if err != nil {
			return nil, fmt.Errorf("ucloud: parameter %s: %w", prefix, err)
		}
		return appendParam(dst, prefix, s), nil
	case float64:
		return appendFloat(dst, prefix, x, 64)
	case float32:
		return appendFloat(dst, prefix, float64(x), 32)
	case int:
		return appendParam(dst, prefix, strconv.Itoa(x)), nil
	case int64:
		return appendParam(dst, prefix, strconv.FormatInt(x, 10)), nil
	case []any:
		var err error
		for i, e := range x {
			if dst, err = flattenInto(dst, join(prefix, strconv.Itoa(i)), e, depth+1); err != nil {
				return nil, err
			}
		}
		return dst, nil
	case map[string]any:
		var err error
		for k, e := range x {
			if k == "" {
				return nil, fmt.Errorf("ucloud: an object under %q has an empty key", prefix)
			}
			if dst, err = flattenInto(dst, join(prefix, k), e, depth+1); err != nil {
				return nil, err
			}
		}
		return dst, nil
	}
	return flattenReflect(dst, prefix, reflect.ValueOf(v), depth)
}

// flattenReflect covers the Go types a caller may build a body from: other
// integer kinds, typed slices and maps, pointers.
func flattenReflect(dst []param, prefix string, rv reflect.Value, depth int) ([]param, error) {
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return appendParam(dst, prefix, strconv.FormatInt(rv.Int(), 10)), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return appendParam(dst, prefix, strconv.FormatUint(rv.Uint(), 10)), nil
	case reflect.Float32, reflect.Float64:
		return appendFloat(dst, prefix, rv.Float(), rv.Type().Bits())
	case reflect.Bool:
		return appendParam(dst, prefix, strconv.FormatBool(rv.Bool())), nil
	case reflect.String:
		return appendParam(dst, prefix, rv.String()), nil
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return dst, nil
		}
		return flattenInto(dst, prefix, rv.Elem().Interface(), depth+1)
	case reflect.Slice, reflect.Array:
		var err error
		for i := 0; i < rv.Len(); i++ {
			if dst, err = flattenInto(dst, join(prefix, strconv.Itoa(i)), rv.Index(i).Interface(), depth+1); err != nil {
				return nil, err
			}
		}
		return dst, nil
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		var err error
		for it := rv.MapRange(); it.Next(); {
			k := it.Key().String()
			if k == "" {
				return nil, fmt.Errorf("ucloud: an object under %q has an empty key", prefix)
			}
			if dst, err = flattenInto(dst, join(prefix, k), it.Value().Interface(), depth+1); err != nil {
				return nil, err
			}
		}
		return dst, nil
	}
	return nil, fmt.Errorf("ucloud: parameter %s has a type that does not flatten (%s)", prefix, rv.Type())
}

func appendParam(dst []param, name, value string) []param {
	if value == "" {
		return dst
	}
	return append(dst, param{name, value})
}

func appendFloat(dst []param, name string, f float64, bits int) ([]param, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("ucloud: parameter %s is not a finite number", name)
	}
	return appendParam(dst, name, formatFloat(f, bits)), nil
}

// formatFloat writes f in plain decimal, shortest form: no exponent, no
// trailing ".0", and no "-0".
func formatFloat(f float64, bits int) string {
	if f == 0 {
		return "0"
	}
	return strconv.FormatFloat(f, 'f', -1, bits)
}

// formatNumber normalizes a JSON number literal. Integer literals are kept as
// written, so integers beyond float64 stay exact.
func formatNumber(s string) (string, error) {
	if isInteger(s) {
		if s == "-0" {
			return "0", nil
		}
		return s, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return "", errors.New("not a finite JSON number")
	}
	return formatFloat(f, 64), nil
}

func isInteger(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
