package conformance

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
)

// flexAsString rewrites v (a decoded example) as the typed result encodes it:
// a number where the schema's Go type is flex.String (specs/README.md,
// "Evidence rule") becomes the string of its literal, because flex.String
// accepts either form and encodes as a string. Everything else is left as it
// is, so the replay still catches any other difference.
func flexAsString(v any, s *openapi3.SchemaRef) any {
	if s == nil || s.Value == nil {
		return v
	}
	sc := s.Value
	if gt, _ := sc.Extensions["x-go-type"].(string); strings.HasPrefix(gt, "flex.") {
		switch n := v.(type) {
		case float64:
			return strconv.FormatFloat(n, 'f', -1, 64)
		case json.Number:
			return n.String()
		}
		return v
	}
	for _, sub := range append(append([]*openapi3.SchemaRef{}, sc.AllOf...), append(sc.OneOf, sc.AnyOf...)...) {
		v = flexAsString(v, sub)
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if p, ok := sc.Properties[k]; ok {
				x[k] = flexAsString(e, p)
			} else if sc.AdditionalProperties.Schema != nil {
				x[k] = flexAsString(e, sc.AdditionalProperties.Schema)
			}
		}
	case []any:
		for i, e := range x {
			x[i] = flexAsString(e, sc.Items)
		}
	}
	return v
}

func TestFlexAsString(t *testing.T) {
	flex := &openapi3.SchemaRef{Value: &openapi3.Schema{Extensions: map[string]any{"x-go-type": "flex.String"}}}
	plain := &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"integer"}}}
	obj := &openapi3.SchemaRef{Value: &openapi3.Schema{Properties: openapi3.Schemas{"offset": flex, "port": plain,
		"list": {Value: &openapi3.Schema{Items: flex}}}}}
	got := flexAsString(map[string]any{"offset": 123.0, "port": 6379.0, "list": []any{1.5, "2"}}, obj)
	assert.Equal(t, map[string]any{"offset": "123", "port": 6379.0, "list": []any{"1.5", "2"}}, got)
}
