package specs_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/cachesdk/cachesdk/specs"
)

// seedOf is the seed document each spec was transcribed from (README.md).
var seedOf = map[string]string{
	"capitalonline/memcached.yaml": "002",
	"capitalonline/redis.yaml":     "000",
	"huaweicloud/dcs-v1.yaml":      "003",
	"huaweicloud/dcs-v2.yaml":      "003",
	"ucloud/uredis.yaml":           "004",
}

// Every operation has an English summary (what oapi-codegen writes into the
// generated comments, and bindproject into ProjectClient's), its document
// section as x-doc-section, and the vendor's text citing that section in its
// description (specs/README.md, rule 1).
func TestEveryOperationHasAnEnglishSummaryAndItsSection(t *testing.T) {
	require.ElementsMatch(t, specs.Names(), keys(seedOf), "a spec without a seed in seedOf")
	for _, name := range specs.Names() {
		data, err := specs.FS.ReadFile(name)
		require.NoError(t, err)
		var doc struct {
			Paths map[string]map[string]struct {
				OperationID string `yaml:"operationId"`
				Summary     string `yaml:"summary"`
				Description string `yaml:"description"`
				Section     string `yaml:"x-doc-section"`
			} `yaml:"paths"`
		}
		require.NoError(t, yaml.Unmarshal(data, &doc), name)
		n := 0
		for _, item := range doc.Paths {
			for method, op := range item {
				if method == "parameters" {
					continue
				}
				n++
				where := name + " " + op.OperationID
				assert.Regexp(t, `^[A-Z][a-z]+s [^\n]+\.$`, op.Summary, "%s: summary: one English sentence, a verb in the third person", where)
				assert.False(t, strings.ContainsFunc(op.Summary, isHan), "%s: summary %q is not English", where, op.Summary)
				assert.NotEmpty(t, op.Section, "%s: x-doc-section", where)
				assert.Contains(t, op.Description, "seed "+seedOf[name]+" section "+op.Section, "%s: the description cites the seed and section", where)
				if strings.HasPrefix(name, "huaweicloud/") {
					assert.Regexp(t, regexp.MustCompile(`^[45]\.\d+\.\d+$`), op.Section, where)
				}
			}
		}
		assert.NotZero(t, n, name)
	}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
