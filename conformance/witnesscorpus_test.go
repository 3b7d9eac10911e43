package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"
)

// witnessDir holds the witness corpus: bodies from public sources nobody on
// this project wrote, and the failing inputs of issue 11 (README.md there).
const witnessDir = "testdata/witnesses"

// witness is one body of the corpus, as its manifest.json entry describes it.
type witness struct {
	ID     string // "<dir>/<file>", the key of the known-failures table
	File   string `json:"file"`
	Vendor string `json:"vendor"`
	Spec   string `json:"spec"` // the manifest's spec file name ("dcs-v2.yaml")
	Op     string `json:"op"`   // operationId
	Kind   string `json:"kind"` // response, request, request-query
	// Status is the manifest's HTTP status (a string or null); "" when the
	// source gives none.
	Status json.RawMessage `json:"status"`
	Source struct {
		Repo   string `json:"repo"`
		Path   string `json:"path"`
		Commit string `json:"commit"`
		Issue  string `json:"issue"` // "issue 11" for the issue's own inputs
		Item   string `json:"item"`
	} `json:"source"`
	Transform string `json:"transform"`

	body []byte
}

// specName is the embedded spec the witness belongs to ("huaweicloud/dcs-v2.yaml").
func (w witness) specName() string { return w.Vendor + "/" + w.Spec }

// status is the manifest's status, 0 when it gives none.
func (w witness) status() (int, error) {
	s := strings.Trim(string(w.Status), `"`)
	if s == "" || s == "null" {
		return 0, nil
	}
	return strconv.Atoi(s)
}

// provenance names where the body comes from, for messages.
func (w witness) provenance() string {
	if w.Source.Issue != "" {
		return w.Source.Issue + " item " + w.Source.Item
	}
	return fmt.Sprintf("%s %s@%.12s", w.Source.Repo, w.Source.Path, w.Source.Commit)
}

// loadWitnesses reads every manifest of the corpus and the bodies it names.
// A manifest entry without a file (a source block that was not valid JSON)
// is recorded there for provenance and skipped here.
func loadWitnesses(t *testing.T) []witness {
	t.Helper()
	manifests, err := filepath.Glob(filepath.Join(witnessDir, "*", "manifest.json"))
	require.NoError(t, err)
	require.NotEmpty(t, manifests, "no witness manifests under %s", witnessDir)
	var all []witness
	for _, m := range manifests {
		dir := filepath.Base(filepath.Dir(m))
		data, err := os.ReadFile(m)
		require.NoError(t, err)
		var entries []witness
		require.NoError(t, json.Unmarshal(data, &entries), m)
		for _, w := range entries {
			if w.File == "" {
				continue
			}
			w.ID = path.Join(dir, w.File)
			w.body, err = os.ReadFile(filepath.Join(witnessDir, dir, w.File))
			require.NoError(t, err, "%s names %s", m, w.File)
			require.True(t, json.Valid(w.body), "%s is not JSON", w.ID)
			require.NotEmpty(t, w.Op, "%s: no operation", w.ID)
			require.Contains(t, []string{"response", "request", "request-query"}, w.Kind, w.ID)
			if w.Source.Issue == "" {
				require.True(t, w.Source.Repo != "" && w.Source.Path != "" && w.Source.Commit != "",
					"%s: the source names no repo/path/commit", w.ID)
			}
			all = append(all, w)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	return all
}

// specOp is one operation of a loaded spec.
type specOp struct {
	item   *openapi3.PathItem
	op     *openapi3.Operation
	method string
	key    string // path key, fragment included
}

// findOp looks an operation up by operationId.
func findOp(doc *openapi3.T, id string) (specOp, bool) {
	for _, key := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(key)
		for method, op := range item.Operations() {
			if op.OperationID == id {
				return specOp{item: item, op: op, method: method, key: key}, true
			}
		}
	}
	return specOp{}, false
}

// successStatus is the operation's lowest 2xx response key (200 if none).
func successStatus(op *openapi3.Operation) int {
	for _, code := range sortedKeys(op.Responses.Map()) {
		if len(code) == 3 && code[0] == '2' {
			n, _ := strconv.Atoi(code)
			return n
		}
	}
	return 200
}

// responseSchema is the JSON schema of op's response with that status, or
// of its "default" response.
func responseSchema(op *openapi3.Operation, status int) *openapi3.SchemaRef {
	r := op.Responses.Value(strconv.Itoa(status))
	if r == nil {
		r = op.Responses.Value("default")
	}
	if r == nil || r.Value == nil {
		return nil
	}
	if mt := jsonMedia(r.Value.Content); mt != nil {
		return mt.Schema
	}
	return nil
}

// requestSchema is the JSON schema of op's request body.
func requestSchema(op *openapi3.Operation) *openapi3.SchemaRef {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	if mt := jsonMedia(op.RequestBody.Value.Content); mt != nil {
		return mt.Schema
	}
	return nil
}

// queryPairs reads a request-query witness: the request URL's query as
// [[name, value], …] in order.
func queryPairs(body []byte) ([][2]string, error) {
	var raw [][]string
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, err
	}
	out := make([][2]string, 0, len(raw))
	for i, p := range raw {
		if len(p) != 2 {
			return nil, fmt.Errorf("query pair %d has %d elements, want 2", i, len(p))
		}
		out = append(out, [2]string{p[0], p[1]})
	}
	return out, nil
}

// specCache loads each spec once per test binary.
var specCache = map[string]*openapi3.T{}

func cachedSpec(t *testing.T, name string) *openapi3.T {
	t.Helper()
	if doc, ok := specCache[name]; ok {
		return doc
	}
	doc := loadSpec(t, name)
	specCache[name] = doc
	return doc
}
