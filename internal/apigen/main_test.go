package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSectionsSortAsInTheDocument(t *testing.T) {
	assert.True(t, sectionLess("4.1.2", "4.1.10"))
	assert.True(t, sectionLess("4.9.4", "5.1.1"))
	assert.True(t, sectionLess("9.DeleteBackup", "10.DescribeRedisConfig"))
	assert.False(t, sectionLess("10.DescribeRedisConfig", "9.DeleteBackup"))
}

func TestQualifyNamesThePackageOfItsOwnTypes(t *testing.T) {
	assert.Equal(t, "(ctx context.Context, instanceId string, reqEditors ...dcsv2.RequestEditorFn) (*dcsv2.ShowInstanceResponse, error)",
		qualify("(ctx context.Context, instanceId string, reqEditors ...RequestEditorFn) (*ShowInstanceResponse, error)", "dcsv2"))
}

// A spec without its document's edition is refused, naming the key.
func TestTheSpecMustNameItsDocumentAndEdition(t *testing.T) {
	spec := filepath.Join(t.TempDir(), "s.yaml")
	require.NoError(t, os.WriteFile(spec, []byte("info: {title: T, version: '1', x-source: {document: 003_x.txt, name: Doc}}\npaths: {}\n"), 0o644))
	_, err := loadSpec(spec)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "info.x-source.edition")
}

// Running apigen on a committed package reproduces its doc.gen.go and
// api.gen.go, which name the API, the document and its edition, and list
// every operation with its section.
func TestGeneratedFilesAreUpToDate(t *testing.T) {
	for _, c := range []struct{ spec, dir, newFn, example, edition string }{
		{"specs/huaweicloud/dcs-v2.yaml", "gen/huaweicloud/dcsv2", "huaweicloud.NewDCSV2", "ShowInstance", "2024-11-26"},
		{"specs/capitalonline/redis.yaml", "gen/capitalonline/redis", "capitalonline.NewRedis", "DescribeDBInstancesWithResponse", "undated"},
	} {
		tmp := t.TempDir()
		files, err := filepath.Glob(filepath.Join("../..", c.dir, "*.go"))
		require.NoError(t, err)
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(tmp, filepath.Base(f)), data, 0o644))
		}
		require.NoError(t, os.Chdir("../.."))
		err = run(c.spec, filepath.Join(tmp), c.newFn, c.example)
		require.NoError(t, os.Chdir("internal/apigen"))
		require.NoError(t, err)
		for _, name := range []string{"doc.gen.go", "api.gen.go"} {
			got, err := os.ReadFile(filepath.Join(tmp, name))
			require.NoError(t, err)
			want, err := os.ReadFile(filepath.Join("../..", c.dir, name))
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got), "%s/%s is stale: go generate ./...", c.dir, name)
		}
		doc, err := os.ReadFile(filepath.Join(tmp, "doc.gen.go"))
		require.NoError(t, err)
		text := strings.ReplaceAll(string(doc), "\n//", "")
		assert.Contains(t, text, "Edition:")
		assert.Contains(t, text, c.edition)
		assert.NotContains(t, text, "provides primitives")
	}
}
