package ucloud_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/signer/ucloud"
)

func TestFlatten(t *testing.T) {
	n := 7
	var nilPtr *int
	for name, tc := range map[string]struct {
		in   map[string]any
		want map[string]string
	}{
		"bool":             {map[string]any{"T": true, "F": false}, map[string]string{"T": "true", "F": "false"}},
		"integers":         {map[string]any{"A": 42, "B": int64(-3), "C": uint8(200), "D": json.Number("9007199254740993")}, map[string]string{"A": "42", "B": "-3", "C": "200", "D": "9007199254740993"}},
		"whole float":      {map[string]any{"A": 42.0, "B": json.Number("42.0"), "C": json.Number("-0")}, map[string]string{"A": "42", "B": "42", "C": "0"}},
		"fraction":         {map[string]any{"A": 1.5, "B": json.Number("0.1"), "C": float32(0.1)}, map[string]string{"A": "1.5", "B": "0.1", "C": "0.1"}},
		"large float":      {map[string]any{"A": 1e21, "B": json.Number("1.5e22"), "C": 123456789.0}, map[string]string{"A": "1000000000000000000000", "B": "15000000000000000000000", "C": "123456789"}},
		"small float":      {map[string]any{"A": 1e-7, "B": math.Copysign(0, -1)}, map[string]string{"A": "0.0000001", "B": "0"}},
		"array":            {map[string]any{"Ids": []any{"a", "b"}, "Ports": []int{80, 443}}, map[string]string{"Ids.0": "a", "Ids.1": "b", "Ports.0": "80", "Ports.1": "443"}},
		"object":           {map[string]any{"Disk": map[string]any{"Size": 20, "Type": "SSD"}}, map[string]string{"Disk.Size": "20", "Disk.Type": "SSD"}},
		"array of objects": {map[string]any{"Disks": []any{map[string]any{"Size": 20}, map[string]string{"Type": "SSD"}}}, map[string]string{"Disks.0.Size": "20", "Disks.1.Type": "SSD"}},
		"nested arrays":    {map[string]any{"M": []any{[]any{1, 2}}}, map[string]string{"M.0.0": "1", "M.0.1": "2"}},
		"pointers":         {map[string]any{"P": &n, "N": nilPtr}, map[string]string{"P": "7"}},
		"nil and empty dropped": {map[string]any{"Nil": nil, "Empty": "", "EmptyList": []any{}, "EmptyObj": map[string]any{}, "Keep": "x"},
			map[string]string{"Keep": "x"}},
		"array keeps indexes": {map[string]any{"L": []any{nil, "", "c"}}, map[string]string{"L.2": "c"}},
	} {
		got, err := ucloud.Flatten(tc.in)
		require.NoError(t, err, name)
		require.Equal(t, tc.want, got, name)
	}
}

func TestFlattenErrors(t *testing.T) {
	cyclic := map[string]any{}
	cyclic["Self"] = cyclic
	for name, in := range map[string]map[string]any{
		"NaN":           {"A": math.NaN()},
		"Inf":           {"A": math.Inf(1)},
		"huge number":   {"A": json.Number("1e400")},
		"not a number":  {"A": json.Number("abc")},
		"struct":        {"A": struct{ X int }{1}},
		"channel":       {"A": make(chan int)},
		"int map keys":  {"A": map[int]string{1: "x"}},
		"empty key":     {"": "x"},
		"nested empty":  {"A": map[string]any{"": "x"}},
		"duplicate":     {"A": []any{"x"}, "A.0": "y"},
		"cyclic":        cyclic,
		"complex":       {"A": complex(1, 2)},
		"func":          {"A": func() {}},
		"nested struct": {"A": []any{struct{}{}}},
	} {
		_, err := ucloud.Flatten(in)
		require.Error(t, err, name)
	}
}

func TestFlattenJSON(t *testing.T) {
	got, err := ucloud.FlattenJSON([]byte(`{"Action":"A","N":12345678901234567890,"F":42.0,"E":1e21,"L":[{"K":1}],"Z":null}`))
	require.NoError(t, err)
	require.Equal(t, map[string]string{"Action": "A", "N": "12345678901234567890", "F": "42", "E": "1000000000000000000000", "L.0.K": "1"}, got)
	for _, bad := range []string{``, `[]`, `null`, `"s"`, `{"A":1} x`, `{"A":`, `{} {}`} {
		_, err := ucloud.FlattenJSON([]byte(bad))
		require.Error(t, err, bad)
	}
}
