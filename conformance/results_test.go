package conformance

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 14 item 4: a generated <Op>Response has a JSON<status> field for its
// documented 2xx bodies only. An error status never reaches the parser
// (apierror.Middleware returns an *apierror.Error carrying the vendor's
// code, message and request id), so a JSON4xx/JSON5xx/JSONDefault field
// would never be filled; gen/templates/client-with-responses.tmpl leaves
// them out.
func TestResponsesHaveSuccessBodiesOnly(t *testing.T) {
	files, err := filepath.Glob("../gen/*/*/*.gen.go")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	jsonField := regexp.MustCompile(`^JSON`)
	success := regexp.MustCompile(`^JSON2\d\d$`)
	n := 0
	for _, f := range files {
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		require.NoError(t, err)
		ast.Inspect(af, func(node ast.Node) bool {
			ts, ok := node.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok || !regexp.MustCompile(`Response$`).MatchString(ts.Name.Name) {
				return true
			}
			for _, fld := range st.Fields.List {
				for _, name := range fld.Names {
					if jsonField.MatchString(name.Name) {
						n++
						assert.Regexp(t, success, name.Name, "%s: %s.%s", filepath.Base(f), ts.Name.Name, name.Name)
					}
				}
			}
			return true
		})
	}
	t.Logf("%d JSON2xx result fields, no error-status field", n)
	assert.Greater(t, n, 50)
}
