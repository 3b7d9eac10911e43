package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A spec that names a type of its own project (x-go-type-import of a package
// of the module above it, as the specs do with flex.String) must still be
// compared at the Go level: the temporary module cannot import the project,
// so the package is copied in. Without that, the generated code did not
// type-check and specdiff stopped with an error.
func TestProjectTypeInSpec(t *testing.T) {
	t.Parallel()
	proj := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(proj, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	write("go.mod", "module example.test/proj\n\ngo 1.22\n")
	write("flex/flex.go", "package flex\n\n// String is a string or a number on the wire.\ntype String string\n")
	write("flex/flex_test.go", "package flex\n\nimport \"example.test/missing\"\n") // tests are not copied
	const head = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n"
	oldSpec := write("specs/old/thing.yaml", head+"        V: {type: string}\n")
	newSpec := write("specs/thing.yaml", head+"        V:\n          oneOf: [{type: string}, {type: number}]\n          x-go-type: flex.String\n          x-go-type-import: {path: example.test/proj/flex}\n")

	r, err := Compare(context.Background(), oldSpec, newSpec, "")
	require.NoError(t, err)
	c, ok := goChange(r, "Thing.V: changed from *string to *example.test/proj/flex.String")
	require.True(t, ok, "Go changes: %+v", r.Go.Changes)
	assert.True(t, c.Breaking)
}
