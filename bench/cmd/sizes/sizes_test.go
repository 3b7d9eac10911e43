package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// rows returns synthetic measurements: ours and peer bigger than std by the
// given byte counts.
func rows(ours, oursSW int64) []row {
	const std, stdSW = 9 * mib, 6 * mib
	return []row{
		{Kind: "std", Size: std, SizeSW: stdSW, Cold: 14 * time.Second},
		{Kind: "ours", Size: std + ours, SizeSW: stdSW + oursSW, Cold: 15 * time.Second},
		{Kind: "peer", Size: std + 3*mib, SizeSW: stdSW + 2*mib, Cold: 40 * time.Second},
	}
}

func TestTarget(t *testing.T) {
	for _, c := range []struct {
		name         string
		ours, oursSW int64
		pass         bool
	}{
		{"smaller", -100, -100, true},
		{"exactly 1 MiB", mib, mib, true},
		{"default over", mib + 1, 0, false},
		{"-s -w over", 0, mib + 1, false},
	} {
		pass, err := target(rows(c.ours, c.oursSW))
		require.NoError(t, err)
		require.Equal(t, c.pass, pass, c.name)
	}
	_, err := target([]row{{Kind: "peer"}})
	require.Error(t, err)
}

func TestReport(t *testing.T) {
	var b bytes.Buffer
	require.True(t, report(&b, "ucloud", rows(mib/2, mib/4), nil, false))
	out := b.String()
	for _, want := range []string{
		"ucloud\n", "9437184 (9.00 MiB)", "6291456 (6.00 MiB)", // std
		"+0.50 MiB", "+0.25 MiB", // ours − std
		"+3.00 MiB", "+2.00 MiB", // peer − std
		"14.0 s", "40.0 s", ": PASS\n", "in ours: none\n",
	} {
		require.Contains(t, out, want)
	}

	b.Reset()
	require.False(t, report(&b, "ucloud", rows(2*mib, 0), nil, false))
	require.Contains(t, b.String(), ": MISS\n")

	// A forbidden dependency is a MISS even within the size target.
	b.Reset()
	require.False(t, report(&b, "ucloud", rows(0, 0), []string{"gopkg.in/yaml.v3"}, true))
	out = b.String()
	require.Contains(t, out, "#### ucloud\n\n| program | default |")
	require.Contains(t, out, "| ours | 9437184 (9.00 MiB) | 6291456 (6.00 MiB) | +0.00 MiB | +0.00 MiB | 15.0 s |\n")
	require.Contains(t, out, "**PASS**")
	require.Contains(t, out, "in ours: gopkg.in/yaml.v3.")
}

func TestProgramsExist(t *testing.T) {
	for _, k := range kinds {
		for _, v := range vendors {
			require.FileExists(t, filepath.Join("..", "..", "size", k, v, "main.go"))
		}
	}
}

// TestProgramsBuild builds the nine programs (warm cache: no timing here) and
// checks that ours links no spec loader, YAML or validator package.
func TestProgramsBuild(t *testing.T) {
	ctx := context.Background()
	g, err := newGoTool(ctx)
	require.NoError(t, err)
	dir := t.TempDir()
	for _, k := range kinds {
		out := filepath.Join(dir, k) + string(os.PathSeparator)
		_, err := g.run(ctx, nil, "build", "-o", out, "./size/"+k+"/...")
		require.NoError(t, err)
		for _, v := range vendors {
			require.FileExists(t, filepath.Join(dir, k, v))
		}
	}
	for _, v := range vendors {
		bad, err := g.offenders(ctx, "./size/ours/"+v)
		require.NoError(t, err)
		require.Empty(t, bad, v)
	}
}
