package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The scale benchmarks (bench/calls BenchmarkConc, bench/scale BenchmarkBig
// and BenchmarkIter) end their item with a parameter: g<goroutines>,
// n<items>, p<page size>. Their tables have one row per parameter value and
// implementation, their targets are checked at the largest value.

// Units the scale benchmarks report with b.ReportMetric.
const (
	unitReqs  = "req/s"
	unitP50   = "p50-sec"
	unitP99   = "p99-sec"
	unitConns = "newconn/op"
	unitPeak  = "peakheap-B"
	unitResp  = "resp-B"
)

// Targets of the scale benchmarks (issue 15).
const (
	concMaxConns  = 0.01 // new connections per call at the most goroutines
	bigTimeLimit  = 0.70 // × peer, at the most items
	bigPeakLimit  = 0.50 // × peer, at the most items
	linearSlack   = 1.25 // cost(n)/cost(prev n) ≤ slack × n/prev n
	iterTimeLimit = 1.05 // × the hand-written loop
)

// scaleTable is one rendered scale table: header, rows of cells, targets.
type scaleTable struct {
	title   string
	header  []string
	rows    [][]string
	targets []target
}

// paramSeries is one item key's rows: the parameter values in increasing
// order, and per value the samples of each implementation.
type paramSeries struct {
	key    string
	values []float64
	runs   map[float64]map[string]*samples
}

// splitParam splits "<key>/<letter><number>" into key and number.
func splitParam(item string, letter byte) (string, float64, bool) {
	i := strings.LastIndexByte(item, '/')
	if i < 0 || i+1 >= len(item) || item[i+1] != letter {
		return "", 0, false
	}
	v, err := strconv.ParseFloat(item[i+2:], 64)
	if err != nil {
		return "", 0, false
	}
	return item[:i], v, true
}

// byParam groups g's items by key, in input order, each with its values
// sorted; items without the parameter are left out.
func byParam(g *group, letter byte) []*paramSeries {
	var out []*paramSeries
	idx := map[string]*paramSeries{}
	for _, item := range g.items {
		key, v, ok := splitParam(item, letter)
		if !ok {
			continue
		}
		ps := idx[key]
		if ps == nil {
			ps = &paramSeries{key: key, runs: map[float64]map[string]*samples{}}
			idx[key] = ps
			out = append(out, ps)
		}
		if _, seen := ps.runs[v]; !seen {
			ps.values = append(ps.values, v)
		}
		ps.runs[v] = g.runs[item]
	}
	for _, ps := range out {
		slices.Sort(ps.values)
	}
	return out
}

func (ps *paramSeries) last() float64 { return ps.values[len(ps.values)-1] }

// extra summarizes a reported metric of s (not ok when s or it is missing).
func extra(s *samples, unit string) stat {
	if s == nil {
		return stat{}
	}
	return summarize(s.extra[unit])
}

func withSpread(st stat, format func(float64) string) string {
	if !st.ok {
		return "—"
	}
	return fmt.Sprintf("%s ±%.0f%%", format(st.med), 100*st.spread)
}

func fmtRate(v float64) string  { return strconv.FormatFloat(v, 'f', 0, 64) }
func fmtConns(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
func fmtParam(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// ratioOf is a/b on the medians as "0.00×".
func ratioOf(a, b stat) string { return ratio(a, b) }

// buildConc makes one table per call: req/s, p50, p99 and new connections
// per call for every goroutine count and implementation; targets at the
// most goroutines: ours' throughput ≥ the peer's, and ours' new connections
// per call < concMaxConns.
func buildConc(g *group) []scaleTable {
	var out []scaleTable
	for _, ps := range byParam(g, 'g') {
		t := scaleTable{title: "Conc/" + ps.key, header: []string{"goroutines", "impl", "req/s", "p50", "p99", "new conns/call"}}
		for _, v := range ps.values {
			for _, impl := range concImpls {
				s := ps.runs[v][impl]
				if s == nil {
					continue
				}
				t.rows = append(t.rows, []string{fmtParam(v), impl,
					withSpread(extra(s, unitReqs), fmtRate),
					cell(extra(s, unitP50), fmtTime), cell(extra(s, unitP99), fmtTime),
					cell(extra(s, unitConns), fmtConns)})
			}
		}
		top := ps.last()
		at := fmt.Sprintf(" at %s goroutines", fmtParam(top))
		ours, peer := ps.runs[top]["ours"], ps.runs[top]["peer"]
		t.targets = append(t.targets,
			atLeast(t.title, "req/s ≥ peer"+at, extra(ours, unitReqs), extra(peer, unitReqs)),
			below(t.title, fmt.Sprintf("new conns/call < %g", concMaxConns)+at, extra(ours, unitConns), concMaxConns, fmtConns))
		out = append(out, t)
	}
	return out
}

// atLeast checks ours ≥ other on the medians (higher is better).
func atLeast(item, desc string, ours, other stat) target {
	t := target{item: item, desc: desc, status: "n/a"}
	switch {
	case !ours.ok:
		t.detail = "no ours"
	case !other.ok:
		t.detail = "no peer"
	default:
		t.status, t.detail = passIf(ours.med >= other.med), ratioOf(ours, other)
	}
	return t
}

// below checks ours < limit on the median.
func below(item, desc string, ours stat, limit float64, format func(float64) string) target {
	if !ours.ok {
		return target{item, desc, "n/a", "no ours"}
	}
	return target{item, desc, passIf(ours.med < limit), format(ours.med)}
}

// growth is cost at the largest value over cost at the one before, and the
// ratio of the values (10 when sizes go 1,000 → 10,000).
func growth(ps *paramSeries, impl string, get func(*samples) stat) (g, want float64, ok bool) {
	if len(ps.values) < 2 {
		return 0, 0, false
	}
	hi, lo := ps.last(), ps.values[len(ps.values)-2]
	a, b := get(ps.runs[hi][impl]), get(ps.runs[lo][impl])
	if !a.ok || !b.ok || b.med == 0 {
		return 0, 0, false
	}
	return a.med / b.med, hi / lo, true
}

func secOf(s *samples) stat {
	if s == nil {
		return stat{}
	}
	return summarize(s.sec)
}

// buildBig makes one table per list: time, bytes allocated, peak heap and
// allocations per call for every size and implementation, and each
// implementation's growth from the second largest size to the largest;
// targets at the largest size: ours' time ≤ bigTimeLimit × the peer's, ours'
// peak heap ≤ bigPeakLimit × the peer's, and ours' time growing linearly
// (≤ linearSlack × the size ratio).
func buildBig(g *group) []scaleTable {
	var out []scaleTable
	for _, ps := range byParam(g, 'n') {
		t := scaleTable{title: "Big/" + ps.key, header: []string{"items", "impl", "time/op", "B/op (allocated)", "peak heap", "allocs/op", "response"}}
		for _, v := range ps.values {
			for _, impl := range bigImpls {
				s := ps.runs[v][impl]
				if s == nil {
					continue
				}
				r := summarizeRow(s)
				t.rows = append(t.rows, []string{fmtParam(v), impl, withSpread(r.sec, fmtTime), cell(r.bytes, fmtBytes),
					withSpread(extra(s, unitPeak), fmtBytes), cell(r.allocs, fmtCount), cell(extra(s, unitResp), fmtBytes)})
			}
		}
		top := ps.last()
		n := fmtParam(top)
		ours, peer, floor := ps.runs[top]["ours"], ps.runs[top]["peer"], ps.runs[top]["floor"]
		for _, impl := range []struct {
			name string
			s    *samples
		}{{"peer", peer}, {"floor", floor}} {
			if impl.s == nil {
				continue
			}
			t.rows = append(t.rows, []string{n, "ours/" + impl.name, ratio(secOf(ours), secOf(impl.s)),
				ratio(summarizeRow(ours).bytes, summarizeRow(impl.s).bytes), ratio(extra(ours, unitPeak), extra(impl.s, unitPeak)),
				ratio(summarizeRow(ours).allocs, summarizeRow(impl.s).allocs), ""})
		}
		if len(ps.values) >= 2 {
			lo := fmtParam(ps.values[len(ps.values)-2])
			for _, impl := range bigImpls {
				if gr, _, ok := growth(ps, impl, secOf); ok {
					gp, _, _ := growth(ps, impl, func(s *samples) stat { return extra(s, unitPeak) })
					t.rows = append(t.rows, []string{n + "/" + lo, impl + " growth", fmt.Sprintf("%.1f×", gr), "", fmt.Sprintf("%.1f×", gp), "", ""})
				}
			}
		}
		at := " at " + n + " items"
		peerNote := "no peer"
		if ps.key == "HuaweiV1.ListInstances" {
			peerNote = "no peer: huaweicloud-sdk-go-v3 has no DCS V1 client"
		}
		tt := vs(t.title, fmt.Sprintf("time ≤ %.2f× peer", bigTimeLimit)+at, "time/op", "peer", secOf(ours), secOf(peer), bigTimeLimit)
		tp := vs(t.title, fmt.Sprintf("peak heap ≤ %.2f× peer", bigPeakLimit)+at, "peak heap", "peer", extra(ours, unitPeak), extra(peer, unitPeak), bigPeakLimit)
		for _, x := range []*target{&tt, &tp} {
			if x.status == "n/a" && peer == nil {
				x.detail = peerNote
			}
		}
		lin := target{item: t.title, desc: "ours' time grows linearly (≤ " + fmt.Sprintf("%.2f", linearSlack) + "× the size ratio)", status: "n/a", detail: "fewer than two sizes"}
		if gr, want, ok := growth(ps, "ours", secOf); ok {
			lin.status, lin.detail = passIf(gr <= linearSlack*want), fmt.Sprintf("%.1f× for %g× the items", gr, want)
		}
		t.targets = append(t.targets, tt, tp, lin)
		out = append(out, t)
	}
	return out
}

// buildIter makes one table per walk (list and length): time, bytes and
// allocations per walk and allocations per item, for every page size;
// target: the paginator (ours) ≤ iterTimeLimit × the hand-written loop.
func buildIter(g *group) []scaleTable {
	var out []scaleTable
	for _, ps := range byParam(g, 'p') {
		items := 0.0
		if _, n, ok := splitParam(ps.key, 'n'); ok {
			items = n
		}
		t := scaleTable{title: "Iter/" + ps.key, header: []string{"page", "impl", "time/walk", "B/walk", "allocs/walk", "allocs/item"}}
		for _, v := range ps.values {
			for _, impl := range iterImpls {
				s := ps.runs[v][impl]
				if s == nil {
					continue
				}
				r := summarizeRow(s)
				perItem := "—"
				if r.allocs.ok && items > 0 {
					perItem = strconv.FormatFloat(r.allocs.med/items, 'f', 2, 64)
				}
				t.rows = append(t.rows, []string{fmtParam(v), impl, withSpread(r.sec, fmtTime), cell(r.bytes, fmtBytes), cell(r.allocs, fmtCount), perItem})
			}
			o, h := ps.runs[v]["ours"], ps.runs[v]["hand"]
			t.rows = append(t.rows, []string{fmtParam(v), "ours/hand", ratio(secOf(o), secOf(h)), ratio(summarizeRow(o).bytes, summarizeRow(h).bytes), ratio(summarizeRow(o).allocs, summarizeRow(h).allocs), ""})
			t.targets = append(t.targets, vs(t.title, fmt.Sprintf("paginator time ≤ %.2f× hand loop, page %s", iterTimeLimit, fmtParam(v)), "time/op", "hand", secOf(o), secOf(h), iterTimeLimit))
		}
		out = append(out, t)
	}
	return out
}

func (t scaleTable) text(w io.Writer) {
	printAligned(w, append([][]string{append([]string{t.title}, t.header...)}, prefixRows(t.rows)...))
	for _, tg := range t.targets {
		fmt.Fprintf(w, "  %s: %s (%s)\n", tg.desc, tg.status, tg.detail)
	}
	fmt.Fprintln(w)
}

// prefixRows puts an empty first column before every row (the title's).
func prefixRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string{""}, r...)
	}
	return out
}

func (t scaleTable) markdown(w io.Writer) {
	fmt.Fprintf(w, "**%s**\n\n", t.title)
	fmt.Fprintf(w, "| %s |\n", strings.Join(t.header, " | "))
	fmt.Fprintf(w, "|%s\n", strings.Repeat("--:|", len(t.header)))
	for _, r := range t.rows {
		fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
	}
	fmt.Fprintln(w)
	for _, tg := range t.targets {
		fmt.Fprintf(w, "- %s: **%s** (%s)\n", tg.desc, tg.status, tg.detail)
	}
	fmt.Fprintln(w)
}
