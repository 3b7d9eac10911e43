package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// stat is the median of one measurement over the runs, and its spread.
// ok is false when nothing was measured (impl missing, or no -benchmem).
type stat struct {
	med    float64
	spread float64 // (max-min)/2 as a fraction of med
	ok     bool
}

func summarize(xs []float64) stat {
	if len(xs) == 0 {
		return stat{}
	}
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	st := stat{med: s[n/2], ok: true}
	if n%2 == 0 {
		st.med = (s[n/2-1] + s[n/2]) / 2
	}
	if st.med != 0 {
		st.spread = (s[n-1] - s[0]) / 2 / st.med
	}
	return st
}

// row is the summary of one benchmark (one impl of an item); cpu is the
// process CPU time per op that BenchmarkClient reports (cpu-ns/op, which
// benchfmt reads as cpu-sec/op), in seconds.
type row struct{ sec, bytes, allocs, cpu stat }

func summarizeRow(s *samples) row {
	if s == nil {
		return row{}
	}
	cpu := summarize(s.extra["cpu-sec/op"]) // benchfmt tidies cpu-ns/op into seconds
	return row{summarize(s.sec), summarize(s.bytes), summarize(s.allocs), cpu}
}

// target is one checked goal; status is PASS, MISS or n/a.
type target struct{ item, desc, status, detail string }

// vs checks ours ≤ limit × other on the medians.
func vs(item, desc, unit, otherImpl string, ours, other stat, limit float64) target {
	t := target{item: item, desc: desc, status: "n/a"}
	switch {
	case !ours.ok:
		t.detail = "no ours " + unit
	case !other.ok:
		t.detail = "no " + otherImpl + " " + unit
	default:
		t.status, t.detail = passIf(ours.med <= limit*other.med), ratio(ours, other)
	}
	return t
}

// atMost checks ours ≤ limit on the median.
func atMost(item, desc, unit string, ours stat, limit float64, format func(float64) string) target {
	if !ours.ok {
		return target{item, desc, "n/a", "no ours " + unit}
	}
	return target{item, desc, passIf(ours.med <= limit), format(ours.med)}
}

func passIf(ok bool) string {
	if ok {
		return "PASS"
	}
	return "MISS"
}

// table is one Call or Sign item: a row per impl (ours first), and targets.
// title names it alone (a vendor name would be ambiguous without "Sign/").
type table struct {
	item    string
	title   string
	impls   []string
	rows    []row
	targets []target
}

// otherRow is a benchmark outside the convention, with its display label.
type otherRow struct {
	label string
	row
}

type report struct {
	config      []string
	calls, sign []table
	client      []table      // the calls, server in its own process: what the client alone costs
	scale       []scaleTable // Conc, Big, Iter tables, in that order
	other       []otherRow
	// The scale groups as read, for the plots.
	conc, big *group
}

func build(in *input) *report {
	rep := &report{config: in.config, conc: &in.conc, big: &in.big}
	rep.scale = slices.Concat(buildConc(&in.conc), buildBig(&in.big), buildIter(&in.iter))
	for _, item := range in.client.items {
		rep.client = append(rep.client, newTable(item, "Client/"+item, callImpls, in.client.runs[item]))
	}
	for _, item := range in.calls.items {
		t := newTable(item, item, callImpls, in.calls.runs[item])
		o, p, f := t.rows[0], t.rows[1], t.rows[2]
		// Allocations are the client's own when BenchmarkClient ran: with
		// the server in the process, its share counts for every side.
		allocs := vs(t.title, "allocs ≤ 0.50× peer", "allocs/op", "peer", o.allocs, p.allocs, 0.50)
		if c := rep.clientTable(item); c != nil {
			allocs = vs(t.title, "allocs ≤ 0.50× peer (the client's own)", "allocs/op", "peer", c.rows[0].allocs, c.rows[1].allocs, 0.50)
		}
		t.targets = []target{
			vs(t.title, "time ≤ 0.70× peer", "time/op", "peer", o.sec, p.sec, 0.70),
			allocs,
			vs(t.title, "time ≤ 1.25× floor", "time/op", "floor", o.sec, f.sec, 1.25),
		}
		rep.calls = append(rep.calls, t)
	}
	for _, item := range in.sign.items {
		t := newTable(item, "Sign/"+item, signImpls, in.sign.runs[item])
		o := t.rows[0]
		t.targets = []target{
			atMost(t.title, "ours time ≤ 2µs", "time/op", o.sec, 2e-6, fmtTime),
			atMost(t.title, "ours allocs ≤ 10", "allocs/op", o.allocs, 10, fmtCount),
		}
		rep.sign = append(rep.sign, t)
	}

	// Several packages may share a benchmark name: then prefix the package.
	var pkgs []string
	for _, b := range in.other {
		if !slices.Contains(pkgs, b.pkg) {
			pkgs = append(pkgs, b.pkg)
		}
	}
	short := shortPkgs(pkgs)
	for _, b := range in.other {
		label := b.name
		if len(pkgs) > 1 {
			label = short[b.pkg] + ": " + b.name
		}
		rep.other = append(rep.other, otherRow{label, summarizeRow(&b.s)})
	}
	return rep
}

// clientTable is item's BenchmarkClient table, or nil.
func (r *report) clientTable(item string) *table {
	for i := range r.client {
		if r.client[i].item == item {
			return &r.client[i]
		}
	}
	return nil
}

func newTable(item, title string, impls []string, runs map[string]*samples) table {
	t := table{item: item, title: title, impls: impls}
	for _, impl := range impls {
		t.rows = append(t.rows, summarizeRow(runs[impl]))
	}
	return t
}

func (r *report) targets() []target {
	var all []target
	for _, t := range slices.Concat(r.calls, r.sign) {
		all = append(all, t.targets...)
	}
	for _, t := range r.scale {
		all = append(all, t.targets...)
	}
	return all
}

func (r *report) misses() int {
	n := 0
	for _, t := range r.targets() {
		if t.status == "MISS" {
			n++
		}
	}
	return n
}

// text prints aligned plain-text tables.
func (r *report) text(w io.Writer) {
	for _, c := range r.config {
		fmt.Fprintln(w, c)
	}
	fmt.Fprintln(w)
	for _, t := range slices.Concat(r.calls, r.sign) {
		cells := [][]string{{t.title, "time/op", "B/op", "allocs/op"}}
		for i, impl := range t.impls {
			cells = append(cells, append([]string{impl}, statCells(t.rows[i])...))
		}
		o := t.rows[0]
		for i, impl := range t.impls[1:] {
			x := t.rows[i+1]
			cells = append(cells, []string{"ours/" + impl, ratio(o.sec, x.sec), ratio(o.bytes, x.bytes), ratio(o.allocs, x.allocs)})
		}
		printAligned(w, cells)
		for _, tg := range t.targets {
			fmt.Fprintf(w, "  %s: %s (%s)\n", tg.desc, tg.status, tg.detail)
		}
		fmt.Fprintln(w)
	}
	for _, t := range r.client {
		cells := [][]string{{t.title, "time/op", "cpu/op", "B/op", "allocs/op"}}
		for i, impl := range t.impls {
			c := statCells(t.rows[i])
			cells = append(cells, []string{impl, c[0], cell(t.rows[i].cpu, fmtTime), c[1], c[2]})
		}
		o := t.rows[0]
		for i, impl := range t.impls[1:] {
			x := t.rows[i+1]
			cells = append(cells, []string{"ours/" + impl, ratio(o.sec, x.sec), ratio(o.cpu, x.cpu), ratio(o.bytes, x.bytes), ratio(o.allocs, x.allocs)})
		}
		printAligned(w, cells)
		fmt.Fprintln(w)
	}
	for _, t := range r.scale {
		t.text(w)
	}
	if len(r.other) > 0 {
		cells := [][]string{{"other", "time/op", "B/op", "allocs/op"}}
		for _, o := range r.other {
			cells = append(cells, append([]string{o.label}, statCells(o.row)...))
		}
		printAligned(w, cells)
		fmt.Fprintln(w)
	}
	r.summary(w, "")
}

// markdown prints one table for all calls, one for signing, one for the rest.
func (r *report) markdown(w io.Writer) {
	if len(r.config) > 0 {
		fmt.Fprintf(w, "```text\n%s\n```\n\n", strings.Join(r.config, "\n"))
	}
	callsMarkdown(w, r.calls, "time", mdCell, func(r row) stat { return r.sec })
	if len(r.client) > 0 {
		fmt.Fprintln(w, "The same calls with the server in its own process (BenchmarkClient): the client's own CPU time, bytes and allocations per call.")
		fmt.Fprintln(w)
		callsMarkdown(w, r.client, "CPU", cpuCell, func(r row) stat { return r.cpu })
	}
	if len(r.sign) > 0 {
		fmt.Fprintln(w, "| signing | ours | peer | ours/peer time | ours/peer allocs |")
		fmt.Fprintln(w, "|---|--:|--:|--:|--:|")
		for _, t := range r.sign {
			o, p := t.rows[0], t.rows[1]
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", t.item, mdCell(o), mdCell(p),
				ratio(o.sec, p.sec), ratio(o.allocs, p.allocs))
		}
		fmt.Fprintln(w)
	}
	for _, t := range r.scale {
		t.markdown(w)
	}
	if len(r.other) > 0 {
		fmt.Fprintln(w, "| other | time/op | B/op | allocs/op |")
		fmt.Fprintln(w, "|---|--:|--:|--:|")
		for _, o := range r.other {
			fmt.Fprintf(w, "| %s | %s |\n", o.label, strings.Join(statCells(o.row), " | "))
		}
		fmt.Fprintln(w)
	}
	r.summary(w, "- ")
}

// callsMarkdown prints one table of call tables (ours, peer, floor), each
// row's cells by cell and its ratios of the time measure what names.
func callsMarkdown(w io.Writer, tables []table, what string, cell func(row) string, time func(row) stat) {
	if len(tables) == 0 {
		return
	}
	fmt.Fprintf(w, "| call | ours | peer | floor | ours/peer %[1]s | ours/peer allocs | ours/floor %[1]s |\n", what)
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|")
	for _, t := range tables {
		o, p, f := t.rows[0], t.rows[1], t.rows[2]
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", t.item, cell(o), cell(p), cell(f),
			ratio(time(o), time(p)), ratio(o.allocs, p.allocs), ratio(time(o), time(f)))
	}
	fmt.Fprintln(w)
}

// summary counts the targets and lists the misses, each line after bullet.
func (r *report) summary(w io.Writer, bullet string) {
	count := map[string]int{}
	var missed []string
	for _, t := range r.targets() {
		count[t.status]++
		if t.status == "MISS" {
			missed = append(missed, fmt.Sprintf("%sMISS %s: %s (%s)", bullet, t.item, t.desc, t.detail))
		}
	}
	fmt.Fprintf(w, "targets: %d PASS, %d MISS, %d n/a\n", count["PASS"], count["MISS"], count["n/a"])
	if len(missed) > 0 {
		if bullet != "" {
			fmt.Fprintln(w) // a Markdown list needs a blank line before it
		}
		fmt.Fprintln(w, strings.Join(missed, "\n"))
	}
}

// statCells formats time (with spread), bytes and allocs, "—" when missing.
func statCells(r row) []string {
	time := "—"
	if r.sec.ok {
		time = fmt.Sprintf("%s ±%.0f%%", fmtTime(r.sec.med), 100*r.sec.spread)
	}
	return []string{time, cell(r.bytes, fmtBytes), cell(r.allocs, fmtCount)}
}

func mdCell(r row) string {
	if !r.sec.ok && !r.bytes.ok && !r.allocs.ok {
		return "—"
	}
	c := statCells(r)
	return c[0] + " · " + c[1] + " · " + c[2] + " allocs"
}

// cpuCell is mdCell with the process CPU time in place of wall time.
func cpuCell(r row) string {
	if !r.cpu.ok && !r.bytes.ok && !r.allocs.ok {
		return "—"
	}
	time := "—"
	if r.cpu.ok {
		time = fmt.Sprintf("%s CPU ±%.0f%%", fmtTime(r.cpu.med), 100*r.cpu.spread)
	}
	return time + " · " + cell(r.bytes, fmtBytes) + " · " + cell(r.allocs, fmtCount) + " allocs"
}

func cell(s stat, format func(float64) string) string {
	if !s.ok {
		return "—"
	}
	return format(s.med)
}

// ratio is a/b on the medians, "—" when either is missing or b is 0.
func ratio(a, b stat) string {
	if !a.ok || !b.ok || b.med == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", a.med/b.med)
}

// fmtTime prints seconds in ns, µs, ms or s with 3 significant digits.
func fmtTime(sec float64) string {
	sec = round3(sec) // first, so 999.7ns becomes 1µs and not 1000ns
	switch {
	case sec < 1e-6:
		return sig3(sec*1e9) + "ns"
	case sec < 1e-3:
		return sig3(sec*1e6) + "µs"
	case sec < 1:
		return sig3(sec*1e3) + "ms"
	}
	return sig3(sec) + "s"
}

// fmtBytes prints bytes in B (exact), or KiB or MiB with 3 significant digits.
func fmtBytes(b float64) string {
	switch {
	case b < 1<<10:
		return fmtCount(b) + "B"
	case b < 1<<20:
		return sig3(b/(1<<10)) + "KiB"
	}
	return sig3(b/(1<<20)) + "MiB"
}

func fmtCount(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }

func round3(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 3, 64), 64)
	return r
}

// sig3 prints 3 significant digits, keeping trailing zeros (6.10, not 6.1)
// so a column reads evenly, and never an exponent.
func sig3(v float64) string {
	if v = round3(v); v == 0 {
		return "0"
	}
	d := 2
	for a := math.Abs(v); a >= 10 && d > 0; a /= 10 {
		d--
	}
	for a := math.Abs(v); a < 1 && d < 12; a *= 10 {
		d++
	}
	return strconv.FormatFloat(v, 'f', d, 64)
}

// printAligned prints cells as columns: the first left-aligned, the others
// right-aligned (widths in runes, since µ, × and — are multi-byte).
func printAligned(w io.Writer, cells [][]string) {
	var width []int
	for _, r := range cells {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range cells {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, b.String())
	}
}
