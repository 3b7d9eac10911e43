package conformance

import (
	"testing"

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
