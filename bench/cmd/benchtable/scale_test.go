package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/perf/benchfmt"
)

// testdata/scale.txt is hand-written: two runs of Conc Huawei g200 ours and
// peer (medians 11000 and 21000 req/s, 0.6 and 0.9 new connections), one of
// everything else; Big without a V1 peer; Iter at two page sizes. The
// expected figures are worked out by hand from its lines.
const scaleSample = "testdata/scale.txt"

func readScale(t *testing.T) *report {
	t.Helper()
	in, err := read([]string{scaleSample}, nil, os.Stderr)
	require.NoError(t, err)
	return build(in)
}

func TestClassifyScale(t *testing.T) {
	for _, c := range []struct{ name, grp, item, impl string }{
		{"Conc/Huawei.ShowInstance/g200/tuned-2", "Conc", "Huawei.ShowInstance/g200", "tuned"},
		{"Big/Huawei.ListInstances/n10000/floor-2", "Big", "Huawei.ListInstances/n10000", "floor"},
		{"Iter/Huawei.ListInstances/n10000/p100/hand-2", "Iter", "Huawei.ListInstances/n10000/p100", "hand"},
		{"Iter/Huawei.ListInstances/n10000/p100/peer-2", "", "", ""}, // a walk has no peer
		{"Big/Huawei.ListInstances/n10/tuned-2", "", "", ""},
	} {
		grp, item, impl := classify(benchfmt.Name(c.name))
		assert.Equal(t, []string{c.grp, c.item, c.impl}, []string{grp, item, impl}, c.name)
	}
	key, v, ok := splitParam("Huawei.ListInstances/n10000/p100", 'p')
	assert.True(t, ok)
	assert.Equal(t, "Huawei.ListInstances/n10000", key)
	assert.Equal(t, 100.0, v)
	_, _, ok = splitParam("Huawei.ListInstances", 'n')
	assert.False(t, ok)
}

func TestScaleTargets(t *testing.T) {
	rep := readScale(t)
	got := map[string]string{}
	for _, tg := range rep.targets() {
		got[tg.item+": "+tg.desc] = tg.status + " " + tg.detail
	}
	assert.Equal(t, map[string]string{
		"Conc/Huawei.ShowInstance: req/s ≥ peer at 200 goroutines":                       "MISS 0.52×",
		"Conc/Huawei.ShowInstance: new conns/call < 0.01 at 200 goroutines":              "MISS 0.600",
		"Conc/UCloud.DescribeURedisBackup: req/s ≥ peer at 200 goroutines":               "PASS 1.25×",
		"Conc/UCloud.DescribeURedisBackup: new conns/call < 0.01 at 200 goroutines":      "PASS 0.005",
		"Big/Huawei.ListInstances: time ≤ 0.70× peer at 10000 items":                     "PASS 0.40×",
		"Big/Huawei.ListInstances: peak heap ≤ 0.50× peer at 10000 items":                "PASS 0.33×",
		"Big/Huawei.ListInstances: ours' time grows linearly (≤ 1.25× the size ratio)":   "PASS 10.0× for 10× the items",
		"Big/HuaweiV1.ListInstances: time ≤ 0.70× peer at 10000 items":                   "n/a no peer: huaweicloud-sdk-go-v3 has no DCS V1 client",
		"Big/HuaweiV1.ListInstances: peak heap ≤ 0.50× peer at 10000 items":              "n/a no peer: huaweicloud-sdk-go-v3 has no DCS V1 client",
		"Big/HuaweiV1.ListInstances: ours' time grows linearly (≤ 1.25× the size ratio)": "MISS 15.0× for 10× the items",
		"Iter/Huawei.ListInstances/n10000: paginator time ≤ 1.05× hand loop, page 100":   "MISS 1.33×",
		"Iter/Huawei.ListInstances/n10000: paginator time ≤ 1.05× hand loop, page 1000":  "PASS 1.03×",
	}, got)
	assert.Equal(t, 4, rep.misses())
}

func TestScaleText(t *testing.T) {
	out, _, code := runBench(t, "", scaleSample)
	require.Equal(t, 0, code)
	for _, want := range []string{
		"Conc/Huawei.ShowInstance", "11000 ±9%", // median of 10000 and 12000, spread 1000/11000
		"tuned", "0.001",
		"10000/1000", "peer growth", "12.5×",
		"allocs/item", "49.50", // 495000 allocs over 10000 items
		"targets: 6 PASS, 4 MISS, 2 n/a",
	} {
		assert.Contains(t, out, want)
	}
	md, _, code := runBench(t, "", "-md", scaleSample)
	require.Equal(t, 0, code)
	assert.Contains(t, md, "**Big/Huawei.ListInstances**")
	assert.Contains(t, md, "| items | impl | time/op |")
	assert.Contains(t, md, "- paginator time ≤ 1.05× hand loop, page 100: **MISS** (1.33×)")
}

func TestPlots(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := runBench(t, "", "-plot", dir, scaleSample)
	require.Equal(t, 0, code, stderr)
	for _, name := range []string{plotBigTime, plotBigHeap, plotConc} {
		f, err := os.Open(filepath.Join(dir, name))
		require.NoError(t, err)
		img, err := png.Decode(f)
		f.Close()
		require.NoError(t, err, name)
		// One panel per call or list, side by side.
		assert.Greater(t, img.Bounds().Dx(), img.Bounds().Dy(), name)
		assert.True(t, strings.Contains(stderr, name), stderr)
	}
	// Input without scale benchmarks writes no plot.
	dir2 := t.TempDir()
	_, _, code = runBench(t, "", "-plot", dir2, sample)
	require.Equal(t, 0, code)
	entries, err := os.ReadDir(dir2)
	require.NoError(t, err)
	assert.Empty(t, entries)
}
