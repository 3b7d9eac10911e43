package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAgainstRevScript drives `make specdiff`'s script in a throwaway git
// repository: one commit holding the older page, then working-tree edits.
func TestAgainstRevScript(t *testing.T) {
	for _, tool := range []string{"git", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	script, err := filepath.Abs("against-rev.sh")
	require.NoError(t, err)
	repo := t.TempDir()
	spec := filepath.Join(repo, "specs", "capitalonline", "redis.yaml")
	copyFile(t, olderSpec, spec)
	git(t, repo, "init", "-q")
	git(t, repo, "add", ".")
	git(t, repo, "-c", "user.name=specdiff", "-c", "user.email=specdiff@invalid", "commit", "-q", "-m", "older page")

	runScript := func() (int, string) {
		cmd := exec.Command("bash", script, "HEAD")
		cmd.Dir = repo
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), string(out)
		}
		require.NoError(t, err, string(out))
		return 0, string(out)
	}

	// The vendor's real change: additions only.
	copyFile(t, currentSpec, spec)
	code, out := runScript()
	assert.Equal(t, exitOK, code, out)
	assert.Contains(t, out, "HEAD:specs/capitalonline/redis.yaml → specs/capitalonline/redis.yaml: no breaking change")
	assert.Contains(t, out, "endpoint added")

	// A breaking edit, and a spec that is new since HEAD.
	copyFile(t, "testdata/breaking-removed-response-field.yaml", spec)
	copyFile(t, currentSpec, filepath.Join(repo, "specs", "capitalonline", "redis-v2.yaml"))
	code, out = runScript()
	assert.Equal(t, exitBreaking, code, out)
	assert.Contains(t, out, "BREAKING DBInstance.Port: removed")
	assert.Contains(t, out, "== specs/capitalonline/redis-v2.yaml\nadded since HEAD")

	// A spec removed since HEAD.
	require.NoError(t, os.Remove(spec))
	code, out = runScript()
	assert.Equal(t, exitBreaking, code, out)
	assert.Contains(t, out, "specs/capitalonline/redis.yaml: REMOVED since HEAD")

	cmd := exec.Command("bash", script, "no-such-rev")
	cmd.Dir = repo
	out2, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, exitError, exit.ExitCode())
	assert.Contains(t, string(out2), "unknown revision")
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o755))
	require.NoError(t, os.WriteFile(to, data, 0o644))
}
