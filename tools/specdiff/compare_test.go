package main

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	currentSpec = "testdata/seed000/redis.yaml"           // seed 000, the current page (a pinned copy of the spec; the file name gives package redis)
	olderSpec   = "testdata/capitalonline-redis-001.yaml" // seed 001, the older page
)

// specChange finds the oasdiff finding with this rule id on this path whose
// text contains textPart.
func specChange(r *Report, id, path, textPart string) (SpecChange, bool) {
	for _, c := range r.Spec.Changes {
		if c.ID == id && c.Path == path && strings.Contains(c.Text, textPart) {
			return c, true
		}
	}
	return SpecChange{}, false
}

func goChange(r *Report, message string) (GoChange, bool) {
	for _, c := range r.Go.Changes {
		if c.Message == message {
			return c, true
		}
	}
	return GoChange{}, false
}

// The vendor's real change: the older page (seed 001) to the current one
// (seed 000) only adds things, so nothing may be breaking at either level.
func TestOlderPageToCurrentIsNotBreaking(t *testing.T) {
	t.Parallel()
	r, err := Compare(context.Background(), olderSpec, currentSpec, "")
	require.NoError(t, err)

	for _, c := range r.Spec.Changes {
		assert.False(t, c.Breaking, "spec: %s %s: %s [%s]", c.Operation, c.Path, c.Text, c.ID)
	}
	for _, c := range r.Go.Changes {
		assert.False(t, c.Breaking, "Go: %s", c.Message)
	}
	assert.False(t, r.Breaking)

	const instances = "/redis#Action=DescribeDBInstances"
	want := []struct{ id, path, text string }{
		// The fragment keys are distinct paths to oasdiff: one endpoint added,
		// none of the other eight /redis actions touched.
		{"endpoint-added", "/redis#Action=DescribeRedisConfig", ""},
		{"new-optional-request-property", "/redis#Action=CreateDBInstance", "`ServicePort`"},
		{"response-optional-property-added", instances, "`Data/items/SubProductKey`"},
		{"response-optional-property-added", instances, "`Data/items/ProjectName`"},
		{"response-optional-property-added", instances, "`Data/items/InpaasId`"},
	}
	for _, w := range want {
		_, ok := specChange(r, w.id, w.path, w.text)
		assert.True(t, ok, "spec change %s %s %s not reported", w.id, w.path, w.text)
	}
	assert.Len(t, r.Spec.Changes, len(want), "unexpected spec changes: %+v", r.Spec.Changes)

	for _, m := range []string{
		"(*Client).DescribeRedisConfig: added",
		"DescribeRedisConfigParams: added",
		"CreateDBInstanceInput.ServicePort: added",
		"DBInstance.SubProductKey: added",
		"DBInstance.ProjectName: added",
		"DBInstance.InpaasId: added",
	} {
		_, ok := goChange(r, m)
		assert.True(t, ok, "Go change %q not reported", m)
	}
	// apidiff calls a method added to ClientInterface incompatible; for a
	// caller it is not, and the report says so rather than hiding it.
	c, ok := goChange(r, "ClientInterface.DescribeRedisConfig: added")
	require.True(t, ok)
	assert.False(t, c.Compatible)
	assert.False(t, c.Breaking)
	assert.NotEmpty(t, c.Note)
}

// Crafted copies of the current spec, each with one breaking change, must be
// caught at both levels.
func TestCraftedBreakingChanges(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file         string
		specID, path string
		goMessage    string
	}{
		{
			file:      "testdata/breaking-removed-response-field.yaml",
			specID:    "response-optional-property-removed",
			path:      "/redis#Action=DescribeDBInstances",
			goMessage: "DBInstance.Port: removed",
		},
		{
			file:      "testdata/breaking-narrowed-type.yaml",
			specID:    "request-parameter-type-changed",
			path:      "/redis#Action=DescribeDBInstances",
			goMessage: "DescribeDBInstancesParams.InstanceName: changed from *string to *int",
		},
		{
			file:      "testdata/breaking-new-required-parameter.yaml",
			specID:    "new-required-request-parameter",
			path:      "/redis#Action=DescribeRegins",
			goMessage: "NewDescribeReginsRequest: changed from func(string) (*net/http.Request, error) to func(string, *DescribeReginsParams) (*net/http.Request, error)",
		},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			r, err := Compare(context.Background(), currentSpec, tc.file, "")
			require.NoError(t, err)
			assert.True(t, r.Breaking)

			sc, ok := specChange(r, tc.specID, tc.path, "")
			if assert.True(t, ok, "spec change %s on %s not reported: %+v", tc.specID, tc.path, r.Spec.Changes) {
				assert.True(t, sc.Breaking, "spec change %s not breaking", tc.specID)
			}
			gc, ok := goChange(r, tc.goMessage)
			if assert.True(t, ok, "Go change not reported: %+v", r.Go.Changes) {
				assert.True(t, gc.Breaking)
				assert.False(t, gc.Compatible)
			}
		})
	}
}
