package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	cfg, err := filepath.Abs("../../gen/capitalonline/redis/oapi-codegen.yaml")
	require.NoError(t, err)
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"compatible", []string{olderSpec, currentSpec}, exitOK},
		{"breaking", []string{currentSpec, "testdata/breaking-removed-response-field.yaml"}, exitBreaking},
		{"breaking with the project's config", []string{"-config", cfg, currentSpec, "testdata/breaking-narrowed-type.yaml"}, exitBreaking},
		{"one argument", []string{currentSpec}, exitError},
		{"unknown flag", []string{"-nope", olderSpec, currentSpec}, exitError},
		{"missing file", []string{"testdata/missing.yaml", currentSpec}, exitError},
		{"not a spec", []string{"go.mod", currentSpec}, exitError},
		{"missing config", []string{"-config", "testdata/missing.yaml", olderSpec, currentSpec}, exitError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runCmd(t, tc.args...)
			assert.Equal(t, tc.want, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			if tc.want == exitError {
				assert.NotEmpty(t, stderr, "an error must say what went wrong")
				assert.NotContains(t, stderr, "panic")
			}
		})
	}
}

func TestJSONOutput(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runCmd(t, "-json", currentSpec, "testdata/breaking-new-required-parameter.yaml")
	require.Equal(t, exitBreaking, code, stderr)

	var r Report
	require.NoError(t, json.Unmarshal([]byte(stdout), &r))
	assert.True(t, r.Breaking)
	assert.Equal(t, 1, r.Spec.Breaking)
	assert.Equal(t, "new-required-request-parameter", r.Spec.Changes[0].ID)
	assert.Positive(t, r.Go.Breaking)
	assert.Equal(t, "breakingnewrequiredparameter", r.Go.Package)
}

func TestTextOutput(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runCmd(t, olderSpec, currentSpec)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, ": no breaking change\n")
	assert.Contains(t, stdout, "spec (oasdiff): 0 breaking, 5 other")
	assert.Contains(t, stdout, "ok       info    GET /redis#Action=DescribeRedisConfig: endpoint added [endpoint-added]")
	assert.Contains(t, stdout, "Go API (apidiff, package redis): 0 breaking")
}

func TestPackageName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"specs/capitalonline/redis.yaml":        "redis",
		"testdata/capitalonline-redis-001.yaml": "capitalonlineredis001",
		"/tmp/001.yaml":                         "api001",
		"dcs-v2-part2.yml":                      "dcsv2part2",
		"/tmp/---.yaml":                         "api",
	} {
		assert.Equal(t, want, packageName(in), in)
	}
}
