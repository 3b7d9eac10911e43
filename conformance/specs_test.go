package conformance

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/specs"
)

// TestSpecs checks what the generator and the harness rely on, for every
// spec: it loads and validates, every example validates against its schema,
// operationIds are unique, every operation has a response example (or an
// x-errata saying why not), RPC fragments agree with x-rpc-action, and every
// x-errata entry is complete with an id unique across all specs.
func TestSpecs(t *testing.T) {
	errataIDs := map[string]string{}
	for _, name := range specs.Names() {
		t.Run(name, func(t *testing.T) {
			doc := loadSpec(t, name)
			examples := 0
			check := func(where string, schema *openapi3.SchemaRef, exs openapi3.Examples) {
				for exName, ex := range exs {
					require.NotNil(t, ex.Value, "%s example %s", where, exName)
					require.NotNil(t, schema, "%s has examples but no schema", where)
					assert.NoError(t, schema.Value.VisitJSON(ex.Value.Value, openapi3.MultiErrors()),
						"%s example %q does not fit its schema", where, exName)
					examples++
				}
			}
			ids := map[string]bool{}
			for _, key := range doc.Paths.InMatchingOrder() {
				item := doc.Paths.Value(key)
				for method, op := range item.Operations() {
					where := method + " " + key
					require.NotEmpty(t, op.OperationID, where)
					assert.False(t, ids[op.OperationID], "duplicate operationId %s", op.OperationID)
					ids[op.OperationID] = true

					if _, frag, ok := strings.Cut(key, "#"); ok {
						action, isRPC := strings.CutPrefix(frag, "Action=")
						assert.True(t, isRPC, "%s: a fragment must be #Action=<Name>", where)
						assert.Equal(t, action, op.Extensions["x-rpc-action"], "%s: x-rpc-action", where)
					}
					for _, p := range append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...) {
						check(where+" parameter "+p.Value.Name, p.Value.Schema, p.Value.Examples)
					}
					if op.RequestBody != nil {
						for ct, mt := range op.RequestBody.Value.Content {
							check(where+" body "+ct, mt.Schema, mt.Examples)
						}
					}
					hasExample := false
					for code, r := range op.Responses.Map() {
						for ct, mt := range r.Value.Content {
							check(where+" response "+code+" "+ct, mt.Schema, mt.Examples)
							hasExample = hasExample || len(mt.Examples) > 0
						}
					}
					_, why := op.Extensions["x-errata"]
					assert.True(t, hasExample || why, "%s: no response example and no x-errata saying why", where)
				}
			}
			for _, e := range collectErrata(t, name) {
				for _, field := range []string{"id", "where", "decision"} {
					assert.NotEmpty(t, e[field], "%s: an x-errata entry lacks %q: %v", name, field, e)
				}
				id, _ := e["id"].(string)
				if prev, dup := errataIDs[id]; dup {
					t.Errorf("x-errata id %s is used in %s and %s", id, prev, name)
				}
				errataIDs[id] = name
			}
			t.Logf("%s: %d operations, %d examples valid against their schemas", name, len(ids), examples)
		})
	}
}
