// Package secrettest checks that no printer shows a secret: the assertion
// the vendor packages run on their Credentials and Configs.
package secrettest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// Verbs are the fmt verbs checked, with flags.
var Verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%20s"}

// NoLeak fails t when marker appears in any fmt verb's output of v or &v, in
// json.Marshal of them, or in what slog's JSON and text handlers write for
// them. It also fails when nothing was printed at all (a vacuous pass).
func NoLeak(t testing.TB, marker string, v any) {
	t.Helper()
	check := func(how, out string) {
		t.Helper()
		if strings.Contains(out, marker) {
			t.Errorf("%s of %T shows the secret", how, v)
		}
	}
	for _, verb := range Verbs {
		check(verb, fmt.Sprintf(verb, v))
		check(verb+" (pointer)", fmt.Sprintf(verb, &v))
		check(verb+" (in a slice)", fmt.Sprintf(verb, []any{v}))
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Errorf("json.Marshal(%T): %v", v, err)
	}
	check("json.Marshal", string(j))
	if !strings.Contains(string(j), "[redacted]") {
		t.Errorf("json.Marshal(%T) shows no redaction marker: %s", v, j)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("msg", "value", v, "group", slog.GroupValue(slog.Any("nested", v)))
	check("slog JSON handler", buf.String())
	if !strings.Contains(buf.String(), "[redacted]") {
		t.Errorf("slog JSON of %T shows no redaction marker: %s", v, buf.String())
	}
	buf.Reset()
	slog.New(slog.NewTextHandler(&buf, nil)).Info("msg", "value", v)
	check("slog text handler", buf.String())
}
