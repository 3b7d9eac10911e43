package conformance

import (
	"fmt"
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/specs"
)

// TestEveryNullablePropertyDeclaresOmitZero: every `nullable: true`
// property of every spec declares `x-omitzero: true` (specs/README.md, rule
// 10). The generated field is a nullable.Nullable, a struct, which
// encoding/json's omitempty never omits: without omitzero an unspecified
// field would go out as null.
func TestEveryNullablePropertyDeclaresOmitZero(t *testing.T) {
	total := 0
	for _, name := range specs.Names() {
		t.Run(name, func(t *testing.T) {
			doc := loadSpec(t, name)
			missing, n := nullableWithoutOmitZero(doc)
			total += n
			assert.Empty(t, missing, "%s: nullable properties without x-omitzero: true", name)
		})
	}
	t.Logf("%d nullable properties, each with x-omitzero", total)
}

// TestOmitZeroCheckCatchesAMissingDeclaration: the check fails on a
// nullable property without x-omitzero (or with false), wherever it is.
func TestOmitZeroCheckCatchesAMissingDeclaration(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                a: {type: string, nullable: true}
                b: {type: string, nullable: true, x-omitzero: true}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Item"}
components:
  schemas:
    Item:
      type: object
      properties:
        c: {type: string, nullable: true, x-omitzero: false}
        d: {type: string}
        e:
          type: object
          properties:
            f: {type: boolean, nullable: true}
`))
	require.NoError(t, err)
	missing, n := nullableWithoutOmitZero(doc)
	assert.Equal(t, 4, n)
	assert.Equal(t, []string{
		"components.schemas.Item.c",
		"components.schemas.Item.e.f",
		"paths./x.POST.requestBody.application/json.a",
	}, missing)
}

// nullableWithoutOmitZero returns where a nullable property lacks
// x-omitzero: true (sorted), and how many nullable properties it saw.
func nullableWithoutOmitZero(doc *openapi3.T) (missing []string, nullable int) {
	seen := map[*openapi3.Schema]bool{}
	found := map[string]bool{}
	var walk func(where string, s *openapi3.SchemaRef)
	walk = func(where string, s *openapi3.SchemaRef) {
		if s == nil || s.Value == nil || seen[s.Value] {
			return
		}
		seen[s.Value] = true
		v := s.Value
		names := make([]string, 0, len(v.Properties))
		for name := range v.Properties {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			p := v.Properties[name]
			if p.Value != nil && p.Value.Nullable {
				nullable++
				if on, _ := p.Value.Extensions["x-omitzero"].(bool); !on {
					found[where+"."+name] = true
				}
			}
			walk(where+"."+name, p)
		}
		walk(where+"[]", v.Items)
		if v.AdditionalProperties.Schema != nil {
			walk(where+"{}", v.AdditionalProperties.Schema)
		}
		for i, group := range [][]*openapi3.SchemaRef{v.AllOf, v.AnyOf, v.OneOf} {
			for j, m := range group {
				walk(fmt.Sprintf("%s.%s[%d]", where, [...]string{"allOf", "anyOf", "oneOf"}[i], j), m)
			}
		}
		walk(where+".not", v.Not)
	}
	// components first, so a shared schema is named by its component
	if doc.Components != nil {
		for _, name := range sortedKeys(doc.Components.Schemas) {
			walk("components.schemas."+name, doc.Components.Schemas[name])
		}
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			where := "paths." + path + "." + method
			for _, p := range op.Parameters {
				if p.Value != nil {
					walk(where+".parameters."+p.Value.Name, p.Value.Schema)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for ct, mt := range op.RequestBody.Value.Content {
					walk(where+".requestBody."+ct, mt.Schema)
				}
			}
			if op.Responses != nil {
				for code, r := range op.Responses.Map() {
					if r.Value == nil {
						continue
					}
					for ct, mt := range r.Value.Content {
						walk(where+".responses."+code+"."+ct, mt.Schema)
					}
				}
			}
		}
	}
	for w := range found {
		missing = append(missing, w)
	}
	sort.Strings(missing)
	return missing, nullable
}
