package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/perf/benchfmt"
)

// testdata/sample.txt is hand-written: 3 runs of Huawei.ListInstances,
// 4 of UCloud.DescribeURedisBackup (even count), CapitalOnline without a
// floor, Sign/CapitalOnline without a peer, and names outside the
// convention (an unknown impl, a plain BenchmarkSign in another package).
// The expected figures below are worked out by hand from its lines.
const sample = "testdata/sample.txt"

func runBench(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func readSample(t *testing.T) *report {
	t.Helper()
	in, err := read([]string{sample}, nil, os.Stderr)
	require.NoError(t, err)
	return build(in)
}

func TestClassify(t *testing.T) {
	for _, c := range []struct{ name, grp, item, impl string }{
		{"Call/Huawei.ListInstances/ours-2", "Call", "Huawei.ListInstances", "ours"},
		{"Call/Huawei.ListInstances/floor-16", "Call", "Huawei.ListInstances", "floor"},
		{"Call/Huawei.ListInstances/peer", "Call", "Huawei.ListInstances", "peer"}, // GOMAXPROCS=1: no suffix
		{"Call/a/b/ours-2", "Call", "a/b", "ours"},
		{"Sign/CapitalOnline/peer-2", "Sign", "CapitalOnline", "peer"},
		{"Sign/CapitalOnline/floor-2", "", "", ""}, // signing has no floor
		{"Call/Huawei.ListInstances/weird-2", "", "", ""},
		{"Call/ours-2", "", "", ""},
		{"Sign-2", "", "", ""},
		{"Sign/GET-2", "", "", ""},
		{"Parse/ours/peer-2", "", "", ""},
	} {
		grp, item, impl := classify(benchfmt.Name(c.name))
		assert.Equal(t, []string{c.grp, c.item, c.impl}, []string{grp, item, impl}, c.name)
	}
}

func TestSummarize(t *testing.T) {
	s := summarize([]float64{46, 45, 47}) // odd: the middle one
	assert.True(t, s.ok)
	assert.Equal(t, 46.0, s.med)
	assert.InDelta(t, 1.0/46, s.spread, 1e-12)

	s = summarize([]float64{70, 60, 62, 61}) // even: mean of the middle two
	assert.Equal(t, 61.5, s.med)
	assert.InDelta(t, 5/61.5, s.spread, 1e-12)

	assert.False(t, summarize(nil).ok)
}

func TestFormat(t *testing.T) {
	for sec, want := range map[float64]string{
		45.1e-6:  "45.1µs",
		6.1e-6:   "6.10µs",
		999.7e-9: "1.00µs", // rounds into the next unit
		689.8e-9: "690ns",
		0.25e-9:  "0.250ns",
		1.5e-3:   "1.50ms",
		2.5:      "2.50s",
		1234:     "1230s", // still 3 significant digits
	} {
		assert.Equal(t, want, fmtTime(sec), "%g", sec)
	}
	for b, want := range map[float64]string{
		0: "0B", 881: "881B", 1023: "1023B", 8400: "8.20KiB", 27000: "26.4KiB", 3 << 20: "3.00MiB",
	} {
		assert.Equal(t, want, fmtBytes(b), "%g", b)
	}
	assert.Equal(t, "40.5", fmtCount(40.5))
	assert.Equal(t, "0.56×", ratio(stat{med: 45.1, ok: true}, stat{med: 81, ok: true}))
	assert.Equal(t, "—", ratio(stat{med: 1, ok: true}, stat{}))
	assert.Equal(t, "—", ratio(stat{med: 1, ok: true}, stat{med: 0, ok: true}))
}

func TestMedians(t *testing.T) {
	rep := readSample(t)
	require.Len(t, rep.calls, 3)
	require.Len(t, rep.sign, 2)

	hw := rep.calls[0]
	assert.Equal(t, "Huawei.ListInstances", hw.item)
	assert.InDelta(t, 45100e-9, hw.rows[0].sec.med, 1e-15)
	assert.InDelta(t, 500.0/45100, hw.rows[0].sec.spread, 1e-12)
	assert.Equal(t, 8400.0, hw.rows[0].bytes.med)
	assert.Equal(t, 97.0, hw.rows[0].allocs.med)
	assert.InDelta(t, 81000e-9, hw.rows[1].sec.med, 1e-15)
	assert.InDelta(t, 42000e-9, hw.rows[2].sec.med, 1e-15)

	uc := rep.calls[1] // four runs
	assert.Equal(t, "UCloud.DescribeURedisBackup", uc.item)
	assert.InDelta(t, 61500e-9, uc.rows[0].sec.med, 1e-15)
	assert.Equal(t, 40.5, uc.rows[0].allocs.med)

	co := rep.calls[2]
	assert.False(t, co.rows[2].sec.ok, "CapitalOnline has no floor")

	assert.Equal(t, "Sign/Huawei", rep.sign[0].title)
	assert.InDelta(t, 1500e-9, rep.sign[0].rows[0].sec.med, 1e-15)
	assert.False(t, rep.sign[1].rows[1].sec.ok, "Sign/CapitalOnline has no peer")
}

func TestTargets(t *testing.T) {
	var got []string
	for _, tg := range readSample(t).targets() {
		got = append(got, tg.item+" | "+tg.desc+" | "+tg.status+" | "+tg.detail)
	}
	assert.Equal(t, []string{
		"Huawei.ListInstances | time ≤ 0.70× peer | PASS | 0.56×", // 45.1/81
		"Huawei.ListInstances | allocs ≤ 0.50× peer | PASS | 0.28×",
		"Huawei.ListInstances | time ≤ 1.25× floor | PASS | 1.07×",
		"UCloud.DescribeURedisBackup | time ≤ 0.70× peer | MISS | 0.77×", // 61.5/80
		"UCloud.DescribeURedisBackup | allocs ≤ 0.50× peer | PASS | 0.41×",
		"UCloud.DescribeURedisBackup | time ≤ 1.25× floor | MISS | 1.37×",
		"CapitalOnline.DescribeDBInstances | time ≤ 0.70× peer | PASS | 0.60×",
		"CapitalOnline.DescribeDBInstances | allocs ≤ 0.50× peer | MISS | 0.67×",
		"CapitalOnline.DescribeDBInstances | time ≤ 1.25× floor | n/a | no floor time/op",
		"Sign/Huawei | ours time ≤ 2µs | PASS | 1.50µs",
		"Sign/Huawei | ours allocs ≤ 10 | MISS | 12",
		"Sign/CapitalOnline | ours time ≤ 2µs | PASS | 900ns",
		"Sign/CapitalOnline | ours allocs ≤ 10 | PASS | 7",
	}, got)
}

func TestTargetEdges(t *testing.T) {
	ok := func(v float64) stat { return stat{med: v, ok: true} }
	assert.Equal(t, "PASS", vs("x", "d", "time/op", "peer", ok(7), ok(10), 0.70).status, "the limit itself passes")
	assert.Equal(t, "MISS", vs("x", "d", "time/op", "peer", ok(7.01), ok(10), 0.70).status)
	assert.Equal(t, "MISS", vs("x", "d", "allocs/op", "peer", ok(1), ok(0), 0.50).status, "peer at 0 allocs")
	assert.Equal(t, "n/a", vs("x", "d", "time/op", "peer", stat{}, ok(10), 0.70).status, "no ours")
	assert.Equal(t, "no ours time/op", vs("x", "d", "time/op", "peer", stat{}, ok(10), 0.70).detail)
	assert.Equal(t, "n/a", atMost("x", "d", "allocs/op", stat{}, 10, fmtCount).status)
	assert.Equal(t, "PASS", atMost("x", "d", "allocs/op", ok(10), 10, fmtCount).status)
}

func TestText(t *testing.T) {
	out, _, code := runBench(t, "", sample)
	require.Equal(t, 0, code, "MISSes do not fail without -strict")

	// Config once at the top, both packages.
	assert.True(t, strings.HasPrefix(out, "goos: linux\ngoarch: amd64\n"+
		"pkg: github.com/cachesdk/cachesdk/bench/calls\npkg: github.com/cachesdk/cachesdk/signer/capitalonline\n"+
		"cpu: Test CPU @ 2.00GHz\n\n"), out)
	assert.Equal(t, 1, strings.Count(out, "goos:"))

	assert.Contains(t, out, `
Huawei.ListInstances     time/op     B/op  allocs/op
ours                  45.1µs ±1%  8.20KiB         97
peer                  81.0µs ±1%  26.4KiB        350
floor                 42.0µs ±2%  5.86KiB         70
ours/peer                  0.56×    0.31×      0.28×
ours/floor                 1.07×    1.40×      1.39×
  time ≤ 0.70× peer: PASS (0.56×)
  allocs ≤ 0.50× peer: PASS (0.28×)
  time ≤ 1.25× floor: PASS (1.07×)
`)
	// A missing impl shows dashes; its target is n/a.
	assert.Contains(t, out, `
floor                                       —        —          —
ours/peer                               0.60×    0.50×      0.67×
ours/floor                                  —        —          —
`)
	assert.Contains(t, out, "  time ≤ 1.25× floor: n/a (no floor time/op)\n")
	assert.Contains(t, out, `
Sign/CapitalOnline    time/op  B/op  allocs/op
ours                900ns ±0%  300B          7
peer                        —     —          —
ours/peer                   —     —          —
  ours time ≤ 2µs: PASS (900ns)
  ours allocs ≤ 10: PASS (7)
`)
	// Off-convention names are kept, labelled by package; no -benchmem gives dashes.
	assert.Contains(t, out, `
other                                              time/op  B/op  allocs/op
bench/calls: Call/Huawei.ListInstances/weird-2  10.0µs ±0%  100B          1
signer/capitalonline: Sign-2                    200ns ±50%     —          —
`)
	assert.True(t, strings.HasSuffix(out, `
targets: 8 PASS, 4 MISS, 1 n/a
MISS UCloud.DescribeURedisBackup: time ≤ 0.70× peer (0.77×)
MISS UCloud.DescribeURedisBackup: time ≤ 1.25× floor (1.37×)
MISS CapitalOnline.DescribeDBInstances: allocs ≤ 0.50× peer (0.67×)
MISS Sign/Huawei: ours allocs ≤ 10 (12)
`), out)
}

func TestMarkdown(t *testing.T) {
	out, _, code := runBench(t, "", "-md", sample)
	require.Equal(t, 0, code)
	lines := strings.Split(out, "\n")

	// Each table: header, separator with as many columns, one row per item.
	table := func(header string) []string {
		for i, l := range lines {
			if l == header {
				var rows []string
				for _, r := range lines[i+2:] {
					if !strings.HasPrefix(r, "|") {
						break
					}
					assert.Equal(t, strings.Count(header, "|"), strings.Count(r, "|"), r)
					rows = append(rows, r)
				}
				assert.Equal(t, strings.Count(header, "|"), strings.Count(lines[i+1], "|"), "separator")
				return rows
			}
		}
		t.Fatalf("no table %q in\n%s", header, out)
		return nil
	}
	calls := table("| call | ours | peer | floor | ours/peer time | ours/peer allocs | ours/floor time |")
	require.Len(t, calls, 3)
	assert.Equal(t, "| Huawei.ListInstances | 45.1µs ±1% · 8.20KiB · 97 allocs | 81.0µs ±1% · 26.4KiB · 350 allocs"+
		" | 42.0µs ±2% · 5.86KiB · 70 allocs | 0.56× | 0.28× | 1.07× |", calls[0])
	assert.True(t, strings.HasSuffix(calls[2], " | — | 0.60× | 0.67× | — |"), calls[2])

	sign := table("| signing | ours | peer | ours/peer time | ours/peer allocs |")
	require.Len(t, sign, 2)
	assert.Equal(t, "| CapitalOnline | 900ns ±0% · 300B · 7 allocs | — | — | — |", sign[1])

	other := table("| other | time/op | B/op | allocs/op |")
	assert.Len(t, other, 2)

	assert.Contains(t, out, "```text\ngoos: linux\n")
	assert.Contains(t, out, "targets: 8 PASS, 4 MISS, 1 n/a\n\n- MISS UCloud.DescribeURedisBackup: time ≤ 0.70× peer (0.77×)\n")
}

func TestStrict(t *testing.T) {
	_, _, code := runBench(t, "", "-strict", sample)
	assert.Equal(t, 1, code, "sample has MISSes")

	allPass := `BenchmarkSign/Huawei/ours-2  1000000  1500 ns/op  500 B/op  9 allocs/op
BenchmarkSign/Huawei/peer-2  1000000  3000 ns/op  900 B/op  20 allocs/op
`
	out, _, code := runBench(t, allPass, "-strict")
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "targets: 2 PASS, 0 MISS, 0 n/a\n")
}

func TestBadInput(t *testing.T) {
	for _, in := range []string{"", "PASS\nok  \tgithub.com/x\t0.01s\n", "goos: linux\nBenchmarkX\n"} {
		out, errOut, code := runBench(t, in)
		assert.Equal(t, 2, code, "%q", in)
		assert.Empty(t, out)
		assert.Contains(t, errOut, "no benchmark results", "%q", in)
	}

	_, errOut, code := runBench(t, "", "testdata/no-such-file.txt")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "no-such-file")

	_, _, code = runBench(t, "", "-nosuchflag")
	assert.Equal(t, 2, code)
}

func TestSyntaxErrorIsAWarning(t *testing.T) {
	in := "BenchmarkA-2  notanumber  1 ns/op\nBenchmarkB-2  10  5 ns/op\n"
	out, errOut, code := runBench(t, in)
	assert.Equal(t, 0, code)
	assert.Contains(t, errOut, "warning")
	assert.Contains(t, out, "B-2")
}

func TestShortPkgs(t *testing.T) {
	assert.Equal(t, map[string]string{"a/b/c": "c", "a/b/d/e": "d/e"}, shortPkgs([]string{"a/b/c", "a/b/d/e"}))
	assert.Equal(t, map[string]string{"a/b": "b", "a/b/c": "b/c"}, shortPkgs([]string{"a/b", "a/b/c"}))
	assert.Equal(t, map[string]string{"x/y": "y"}, shortPkgs([]string{"x/y"}))
}
