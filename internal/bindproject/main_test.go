package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCommentIsTheSummaryAboutTheMethodWithItsSection(t *testing.T) {
	d := opDoc{Summary: "Lists the DCS instances of the project.", Section: "4.1.2"}
	assert.Equal(t, "// ListInstances lists the DCS instances of the project (seed 003 section\n// 4.1.2).\n",
		comment("ListInstances", "ListInstances", d, "003"))
	assert.Equal(t, "// CreateInstanceWithBody creates a DCS instance (seed 003 section 4.1.1). It is\n// CreateInstance with a raw body of type contentType.\n",
		comment("CreateInstanceWithBody", "CreateInstance", opDoc{Summary: "Creates a DCS instance.", Section: "4.1.1"}, "003"))
}

// A spec operation without a summary or section is refused, naming it.
func TestLoadDocsNeedsASummaryAndASection(t *testing.T) {
	spec := filepath.Join(t.TempDir(), "s.yaml")
	require.NoError(t, os.WriteFile(spec, []byte(`info: {x-source: {document: 003_x.txt}}
paths:
  /v2/{project_id}/instances:
    get: {operationId: ListInstances, summary: Lists the instances.}
`), 0o644))
	_, _, err := loadDocs(spec)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ListInstances")
	assert.Contains(t, err.Error(), "x-doc-section")
}

// Every method of the committed ProjectClients carries its section.
func TestGeneratedProjectClientsCiteTheirSections(t *testing.T) {
	for _, v := range []string{"dcsv2", "dcsv1"} {
		out := filepath.Join(t.TempDir(), "project.gen.go")
		spec := map[string]string{"dcsv2": "dcs-v2.yaml", "dcsv1": "dcs-v1.yaml"}[v]
		require.NoError(t, run(filepath.Join("../../specs/huaweicloud", spec), filepath.Join("../../gen/huaweicloud", v, v+".gen.go"), out))
		got, err := os.ReadFile(out)
		require.NoError(t, err)
		committed, err := os.ReadFile(filepath.Join("../../gen/huaweicloud", v, "project.gen.go"))
		require.NoError(t, err)
		methods := strings.Count(string(got), "\nfunc (c *ProjectClient) ")
		unwrapped := strings.ReplaceAll(string(got), "\n// ", " ")
		assert.Equal(t, methods, len(regexp.MustCompile(`\(seed 003 section [45]\.\d+\.\d+\)\.`).FindAllString(unwrapped, -1)), "%s: one section per method", v)
		assert.Regexp(t, `// ListInstances lists the DCS instances of the project, filtered by the query\n// parameters \(seed 003 section [45]\.1\.[25]\)\.`, string(got))
		assert.Equal(t, string(committed), strings.Replace(string(got), "from "+filepath.Join("../../specs/huaweicloud", spec), "from specs/huaweicloud/"+spec, 1), "%s: project.gen.go is stale: go generate ./...", v)
	}
}
