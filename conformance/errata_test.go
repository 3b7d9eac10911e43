package conformance

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/cachesdk/cachesdk/specs"
)

// collectErrata returns every x-errata entry of a spec, wherever it stands.
func collectErrata(t *testing.T, name string) []map[string]any {
	t.Helper()
	data, err := specs.FS.ReadFile(name)
	require.NoError(t, err)
	var root any
	require.NoError(t, yaml.Unmarshal(data, &root))
	var out []map[string]any
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, child := range x {
				if k == "x-errata" {
					list, ok := child.([]any)
					require.True(t, ok, "%s: x-errata must be a list", name)
					for _, e := range list {
						m, ok := e.(map[string]any)
						require.True(t, ok, "%s: an x-errata entry must be a mapping", name)
						out = append(out, m)
					}
					continue
				}
				walk(child)
			}
		case []any:
			for _, child := range x {
				walk(child)
			}
		}
	}
	walk(root)
	return out
}

// TestErrataShape checks what internal/errata relies on: every value of an
// x-errata entry is one plain string (it decodes entries as
// map[string]string and would silently drop any other), `witnesses`, where
// present, names at least one witness, and a field's x-source is a
// non-empty string (info.x-source, the document, is a mapping).
func TestErrataShape(t *testing.T) {
	for _, name := range specs.Names() {
		t.Run(name, func(t *testing.T) {
			for _, e := range collectErrata(t, name) {
				for k, v := range e {
					s, ok := v.(string)
					assert.True(t, ok, "%s: x-errata %v: %q must be a plain string, got %T", name, e["id"], k, v)
					if k == "witnesses" {
						assert.NotEmpty(t, strings.TrimSpace(s), "%s: x-errata %v: empty witnesses", name, e["id"])
					}
				}
			}
			data, err := specs.FS.ReadFile(name)
			require.NoError(t, err)
			var root map[string]any
			require.NoError(t, yaml.Unmarshal(data, &root))
			var walk func(path string, v any)
			walk = func(path string, v any) {
				switch x := v.(type) {
				case map[string]any:
					for k, child := range x {
						if k == "x-source" && path != "/info" {
							s, ok := child.(string)
							assert.True(t, ok && strings.TrimSpace(s) != "", "%s: %s: x-source must be a non-empty string naming the witness, got %v", name, path, child)
							continue
						}
						walk(path+"/"+k, child)
					}
				case []any:
					for i, child := range x {
						walk(fmt.Sprintf("%s/%d", path, i), child)
					}
				}
			}
			walk("", root)
		})
	}
}
