package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// copyPkg copies the generated DCS V2 package (without loopgen's own files)
// into a temporary directory for run to write into.
func copyPkg(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"dcsv2.gen.go", "project.gen.go"} {
		b, err := os.ReadFile(filepath.Join("../../gen/huaweicloud/dcsv2", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	return dir
}

func spec(t *testing.T, op, ext string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "spec.yaml")
	src := "paths:\n  /x:\n    get:\n      operationId: " + op + "\n" + indent(ext, "      ")
	require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	return p
}

func indent(s, by string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := range lines {
		lines[i] = by + lines[i]
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestDeclarationsAreChecked(t *testing.T) {
	for name, tc := range map[string]struct{ op, ext, want string }{
		"items not in the body":  {"ListInstances", "x-paginator: {offset: offset, limit: limit, items: nope}", `no field json:"nope"`},
		"offset not a parameter": {"ListInstances", "x-paginator: {offset: start, limit: limit, items: instances}", `no field form:"start"`},
		"total not an integer":   {"ListInstances", "x-paginator: {offset: offset, limit: limit, items: instances, total: instances}", "want an integer"},
		"bad mode":               {"ListInstances", "x-paginator: {offset: offset, limit: limit, items: instances, mode: cursor}", `mode "cursor"`},
		"arg not an identifier":  {"ShowInstance", "x-waiters: {W: {args: [a-b], state: status, success: [RUNNING]}}", "not a Go identifier"},
		"match names no arg":     {"ListBackupRecords", "x-waiters: {W: {args: [id], list: backup_record_response, match: {backup_id: other}, state: status, success: [succeed]}}", `"other" is not one of args`},
		"list without match":     {"ListBackupRecords", "x-waiters: {W: {args: [id], list: backup_record_response, state: status, success: [succeed]}}", "needs match"},
		"no success":             {"ShowInstance", "x-waiters: {W: {state: status}}", "success states"},
		"state not a string":     {"ShowInstance", "x-waiters: {W: {state: available_zones, success: [x]}}", "want a string"},
		"bad notFound":           {"ShowInstance", "x-waiters: {W: {state: status, success: [RUNNING], notFound: maybe}}", `notFound "maybe"`},
		"bad delay":              {"ShowInstance", "x-waiters: {W: {state: status, success: [RUNNING], minDelay: soon}}", "invalid duration"},
	} {
		t.Run(name, func(t *testing.T) {
			err := run(spec(t, tc.op, tc.ext), copyPkg(t))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), tc.op, "the error names the operation")
		})
	}
}

func TestWritesBothFiles(t *testing.T) {
	dir := copyPkg(t)
	ext := "x-paginator: {offset: offset, limit: limit, items: instances, total: instance_num}"
	require.NoError(t, run(spec(t, "ListInstances", ext), dir))
	b, err := os.ReadFile(filepath.Join(dir, "paginators.gen.go"))
	require.NoError(t, err)
	assert.Contains(t, string(b), "func (c *ProjectClient) ListInstancesItems(ctx context.Context, params *ListInstancesParams) iter.Seq2[*InstanceListInfo, error]")
	_, err = os.Stat(filepath.Join(dir, "waiters.gen.go"))
	assert.True(t, os.IsNotExist(err), "no waiter declared, no waiters file")
}
