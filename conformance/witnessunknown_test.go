package conformance

import (
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
)

// unknownKeys lists the JSON paths of v's object keys that none of the
// schemas declares ("/instances/[]/backend_addrs"; array items are "[]").
// A key is declared when a schema (or one of its allOf/oneOf/anyOf
// branches) names it in properties, or allows it with additionalProperties.
// An object schema that declares no property and no additionalProperties is
// free-form: everything under it counts as declared.
func unknownKeys(v any, schemas []*openapi3.Schema, at string, out map[string]bool) {
	schemas = flatten(schemas)
	switch x := v.(type) {
	case map[string]any:
		props, extra, freeForm := map[string][]*openapi3.Schema{}, []*openapi3.Schema(nil), true
		for _, s := range schemas {
			for name, p := range s.Properties {
				if p != nil && p.Value != nil {
					props[name] = append(props[name], p.Value)
				}
			}
			if len(s.Properties) > 0 {
				freeForm = false
			}
			ap := s.AdditionalProperties
			if ap.Schema != nil && ap.Schema.Value != nil {
				extra = append(extra, ap.Schema.Value)
				freeForm = false
			} else if ap.Has != nil {
				freeForm = freeForm && *ap.Has
			}
		}
		if len(schemas) == 0 || freeForm {
			return
		}
		for _, k := range sortedKeys(x) {
			sub, ok := props[k]
			if !ok {
				sub = extra
			}
			if !ok && len(extra) == 0 {
				if !anyAllowsExtra(schemas) {
					out[at+"/"+k] = true
				}
				continue
			}
			unknownKeys(x[k], sub, at+"/"+k, out)
		}
	case []any:
		var items []*openapi3.Schema
		for _, s := range schemas {
			if s.Items != nil && s.Items.Value != nil {
				items = append(items, s.Items.Value)
			}
		}
		for _, e := range x {
			unknownKeys(e, items, at+"/[]", out)
		}
	}
}

// flatten replaces each schema by itself and its allOf/oneOf/anyOf
// branches, recursively.
func flatten(in []*openapi3.Schema) []*openapi3.Schema {
	var out []*openapi3.Schema
	var add func(s *openapi3.Schema, depth int)
	add = func(s *openapi3.Schema, depth int) {
		if s == nil || depth > 16 {
			return
		}
		out = append(out, s)
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, r := range group {
				if r != nil {
					add(r.Value, depth+1)
				}
			}
		}
	}
	for _, s := range in {
		add(s, 0)
	}
	return out
}

func anyAllowsExtra(schemas []*openapi3.Schema) bool {
	for _, s := range schemas {
		if s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has {
			return true
		}
	}
	return false
}

// unknownQueryNames lists the query names of a request-query witness that
// the operation declares as no parameter (Action is the RPC selector, and
// the signer's own parameters are not the caller's).
func unknownQueryNames(so specOp, tg target, pairs [][2]string) []string {
	declared := map[string]bool{"Action": true}
	for _, p := range tg.signerParams {
		declared[p] = true
	}
	for _, p := range append(append(openapi3.Parameters{}, so.item.Parameters...), so.op.Parameters...) {
		if p.Value != nil {
			declared[p.Value.Name] = true
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range pairs {
		if !declared[p[0]] && !seen[p[0]] {
			seen[p[0]] = true
			out = append(out, "?"+p[0])
		}
	}
	sort.Strings(out)
	return out
}

// pathsOf returns the sorted keys of a path set.
func pathsOf(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// joinShort joins paths for one log line.
func joinShort(paths []string) string { return strings.Join(paths, " ") }

func TestUnknownKeys(t *testing.T) {
	str := &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}}
	item := &openapi3.SchemaRef{Value: &openapi3.Schema{Properties: openapi3.Schemas{"id": str}}}
	free := &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}}
	root := &openapi3.Schema{
		Properties: openapi3.Schemas{"list": {Value: &openapi3.Schema{Items: item}}, "meta": free},
		AllOf:      openapi3.SchemaRefs{{Value: &openapi3.Schema{Properties: openapi3.Schemas{"extra": str}}}},
	}
	v := map[string]any{"list": []any{map[string]any{"id": "a", "new": 1}, map[string]any{"new": 2}},
		"meta": map[string]any{"anything": 1}, "extra": "x", "gone": true}
	got := map[string]bool{}
	unknownKeys(v, []*openapi3.Schema{root}, "", got)
	assert.Equal(t, []string{"/gone", "/list/[]/new"}, pathsOf(got))
}
