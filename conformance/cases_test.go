package conformance

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// replayCase is one response example of one operation, with the request
// example that goes with it.
type replayCase struct {
	op       *openapi3.Operation
	method   string
	pathKey  string // as in the spec, fragment included
	status   int    // the HTTP status the server answers with
	code     string // the spec's response key ("200", "default")
	example  string // response example name
	derived  bool   // the example is x-derived, not in the document
	reqName  string // name of the request examples used
	path     map[string]any
	query    map[string]any // query and header parameters, by name
	header   map[string]bool
	body     any
	hasBody  bool
	reqCount int // documented request examples used (parameter sets and bodies)
}

func (c replayCase) name() string {
	return fmt.Sprintf("%s/%s/%s", c.op.OperationID, c.code, c.example)
}

// deriveCases lists a case per response example of every operation.
// A "default" response is replayed with defaultStatus (0: not replayed).
// Bound path parameters are filled by the client, not by examples.
func deriveCases(doc *openapi3.T, defaultStatus int, bound map[string]string) ([]replayCase, error) {
	var cases []replayCase
	for _, key := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(key)
		for method, op := range item.Operations() {
			for _, code := range sortedKeys(op.Responses.Map()) {
				status, err := strconv.Atoi(code)
				if code == "default" && defaultStatus != 0 {
					status, err = defaultStatus, nil
				}
				if err != nil {
					continue
				}
				resp := op.Responses.Value(code)
				mt := jsonMedia(resp.Value.Content)
				if mt == nil || len(mt.Examples) == 0 {
					if status >= 200 && status < 300 && resp.Value.Content == nil {
						c, err := newCase(item, op, method, key, status, "", false, bound)
						c.code = code
						if err != nil {
							return nil, err
						}
						cases = append(cases, c)
					}
					continue
				}
				for _, name := range sortedKeys(mt.Examples) {
					_, derived := mt.Examples[name].Value.Extensions["x-derived"]
					c, err := newCase(item, op, method, key, status, name, derived, bound)
					if err != nil {
						return nil, err
					}
					c.code = code
					cases = append(cases, c)
				}
			}
		}
	}
	return cases, nil
}

// newCase picks the request examples named like the response example, or
// "documented" when there are none of that name (error examples reuse the
// documented request).
func newCase(item *openapi3.PathItem, op *openapi3.Operation, method, key string, status int, example string, derived bool, bound map[string]string) (replayCase, error) {
	c := replayCase{op: op, method: method, pathKey: key, status: status, example: example, derived: derived,
		path: map[string]any{}, query: map[string]any{}, header: map[string]bool{}}
	c.reqName = "documented"
	if example != "" && hasRequestExample(item, op, example) {
		c.reqName = example
	}
	usedParams := false
	for _, p := range append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...) {
		pv := p.Value
		if v, ok := bound[pv.Name]; ok && pv.In == "path" {
			c.path[pv.Name] = v
			continue
		}
		ex := pv.Examples[c.reqName]
		if ex == nil || ex.Value == nil {
			if pv.Required {
				return c, fmt.Errorf("%s: required %s parameter %s has no example %q", op.OperationID, pv.In, pv.Name, c.reqName)
			}
			continue
		}
		usedParams = true
		switch pv.In {
		case "path":
			c.path[pv.Name] = ex.Value.Value
		case "query":
			c.query[pv.Name] = ex.Value.Value
		case "header":
			c.query[pv.Name] = ex.Value.Value
			c.header[pv.Name] = true
		}
	}
	if usedParams {
		c.reqCount++
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		mt := jsonMedia(op.RequestBody.Value.Content)
		if mt != nil {
			if ex := mt.Examples[c.reqName]; ex != nil && ex.Value != nil {
				c.body, c.hasBody = ex.Value.Value, true
				c.reqCount++
			} else if op.RequestBody.Value.Required {
				return c, fmt.Errorf("%s: required body has no example %q", op.OperationID, c.reqName)
			}
		}
	}
	return c, nil
}

func hasRequestExample(item *openapi3.PathItem, op *openapi3.Operation, name string) bool {
	for _, p := range append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...) {
		if p.Value.Examples[name] != nil {
			return true
		}
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		if mt := jsonMedia(op.RequestBody.Value.Content); mt != nil && mt.Examples[name] != nil {
			return true
		}
	}
	return false
}

func jsonMedia(content openapi3.Content) *openapi3.MediaType {
	for _, ct := range sortedKeys(content) {
		if strings.Contains(ct, "json") {
			return content[ct]
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// queryString renders an example value as it travels in a query or path.
func queryString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		if x == float64(int64(x)) {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}
