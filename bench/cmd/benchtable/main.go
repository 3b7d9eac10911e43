// Command benchtable turns the output of
//
//	go test -run '^$' -bench . -benchmem -count N ./...
//
// (from stdin, or from the files named as arguments, "-" for stdin) into the comparison
// tables of the performance report: one table per BenchmarkCall/<call>/<impl>
// item (impl ours, peer or floor), one per BenchmarkSign/<vendor>/<impl> item
// (ours or peer), then the scale tables (scale.go): one per call of
// BenchmarkConc/<call>/g<goroutines>/<ours|peer|floor|tuned>, per list of
// BenchmarkBig/<list>/n<items>/<ours|peer|floor> and per walk of
// BenchmarkIter/<list>/n<items>/p<page>/<ours|hand>, each with its targets
// checked, then every other benchmark in an "other" table and a PASS/MISS
// summary.
//
// Each figure is the median over the -count runs; the time spread is
// ±(max-min)/2 over that median, which stays finite for small counts
// (benchstat's confidence interval is ±∞ below 6 runs).
//
// Flags: -md prints GitHub Markdown tables instead; -strict exits 1 when a
// target is missed; -plot DIR also writes the scale plots into DIR as PNG
// (plot.go). Unreadable input, or input without a single benchmark
// line, exits 2.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process around it, so tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchtable", flag.ContinueOnError)
	fs.SetOutput(stderr)
	md := fs.Bool("md", false, "print GitHub Markdown tables")
	strict := fs.Bool("strict", false, "exit 1 when any target is missed")
	plotDir := fs.String("plot", "", "also write the scale plots (PNG) into this directory")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: go test -bench . -benchmem -count N ./... | benchtable [-md] [-strict] [-plot dir] [file ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	in, err := read(fs.Args(), stdin, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "benchtable:", err)
		return 2
	}
	rep := build(in)
	if *plotDir != "" {
		files, err := writePlots(rep, *plotDir)
		if err != nil {
			fmt.Fprintln(stderr, "benchtable: plot:", err)
			return 2
		}
		for _, f := range files {
			fmt.Fprintln(stderr, "benchtable: wrote", f)
		}
	}
	if *md {
		rep.markdown(stdout)
	} else {
		rep.text(stdout)
	}
	if *strict && rep.misses() > 0 {
		return 1
	}
	return 0
}

// Implementations of each group, in table order.
var (
	callImpls = []string{"ours", "peer", "floor"}
	signImpls = []string{"ours", "peer"}
	concImpls = []string{"ours", "peer", "floor", "tuned"}
	bigImpls  = []string{"ours", "peer", "floor"}
	iterImpls = []string{"ours", "hand"}
)

// groupImpls are the implementations each benchmark group may have.
var groupImpls = map[string][]string{"Call": callImpls, "Client": callImpls, "Sign": signImpls, "Conc": concImpls, "Big": bigImpls, "Iter": iterImpls}

// samples holds one benchmark's measurements, one per -count run: the
// standard three, and every metric the benchmark reported (b.ReportMetric)
// by unit.
type samples struct {
	sec, bytes, allocs []float64
	extra              map[string][]float64
}

func (s *samples) add(r *benchfmt.Result) {
	for _, v := range r.Values {
		switch v.Unit { // benchfmt tidies ns/op into sec/op
		case "sec/op":
			s.sec = append(s.sec, v.Value)
		case "B/op":
			s.bytes = append(s.bytes, v.Value)
		case "allocs/op":
			s.allocs = append(s.allocs, v.Value)
		default:
			if s.extra == nil {
				s.extra = map[string][]float64{}
			}
			s.extra[v.Unit] = append(s.extra[v.Unit], v.Value)
		}
	}
}

// group is the Call or the Sign benchmarks: item → impl → samples, with the
// items kept in input order (the benchmarks run in a meaningful order).
type group struct {
	items []string
	runs  map[string]map[string]*samples
}

func (g *group) add(item, impl string, r *benchfmt.Result) {
	if g.runs == nil {
		g.runs = map[string]map[string]*samples{}
	}
	if g.runs[item] == nil {
		g.runs[item] = map[string]*samples{}
		g.items = append(g.items, item)
	}
	if g.runs[item][impl] == nil {
		g.runs[item][impl] = &samples{}
	}
	g.runs[item][impl].add(r)
}

// otherBench is a benchmark outside the naming convention. It is keyed by
// package too: ./... often has the same name (BenchmarkSign) in many.
type otherBench struct {
	pkg, name string
	s         samples
}

// input is everything read from the benchmark output.
type input struct {
	config          []string // "key: value" header lines, each once, grouped by key
	calls, sign     group
	client          group // the calls with the server in its own process (BenchmarkClient)
	conc, big, iter group
	other           []*otherBench
}

// read parses the named files, or stdin when there are none.
func read(paths []string, stdin io.Reader, stderr io.Writer) (*input, error) {
	in := &input{}
	var keys []string // config keys in input order, and each one's values
	vals := map[string][]string{}
	otherIdx := map[[2]string]*otherBench{}
	results := 0
	parse := func(r io.Reader, name string) error {
		br := benchfmt.NewReader(r, name)
		for br.Scan() {
			switch rec := br.Result().(type) {
			case *benchfmt.SyntaxError:
				// Like benchstat: report the line and go on with the rest.
				fmt.Fprintln(stderr, "benchtable: warning:", rec)
			case *benchfmt.Result:
				results++
				for _, c := range rec.Config {
					if v := string(c.Value); c.File && !slices.Contains(vals[c.Key], v) {
						if vals[c.Key] == nil {
							keys = append(keys, c.Key)
						}
						vals[c.Key] = append(vals[c.Key], v)
					}
				}
				switch grp, item, impl := classify(rec.Name); grp {
				case "Call":
					in.calls.add(item, impl, rec)
				case "Client":
					in.client.add(item, impl, rec)
				case "Sign":
					in.sign.add(item, impl, rec)
				case "Conc":
					in.conc.add(item, impl, rec)
				case "Big":
					in.big.add(item, impl, rec)
				case "Iter":
					in.iter.add(item, impl, rec)
				default:
					key := [2]string{rec.GetConfig("pkg"), rec.Name.String()}
					if otherIdx[key] == nil {
						otherIdx[key] = &otherBench{pkg: key[0], name: key[1]}
						in.other = append(in.other, otherIdx[key])
					}
					otherIdx[key].s.add(rec)
				}
			}
		}
		return br.Err()
	}

	if len(paths) == 0 {
		if err := parse(stdin, "stdin"); err != nil {
			return nil, err
		}
	}
	for _, p := range paths {
		if p == "-" { // the usual name for stdin among files
			if err := parse(stdin, "stdin"); err != nil {
				return nil, err
			}
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		err = parse(f, p)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	if results == 0 {
		return nil, errors.New("no benchmark results in the input (want the output of go test -bench . -benchmem -count N)")
	}
	// One line per value: ./... gives several pkg values.
	for _, k := range keys {
		for _, v := range vals[k] {
			in.config = append(in.config, k+": "+v)
		}
	}
	return in, nil
}

// classify splits Call/<call>/<impl>[-N] and Sign/<vendor>/<impl>[-N]
// names; anything else (an unknown impl too) has grp "".
func classify(name benchfmt.Name) (grp, item, impl string) {
	base, parts := name.Parts()
	// Parts leaves GOMAXPROCS as a final "-N" part; one item spans all of them.
	if n := len(parts); n > 0 && parts[n-1][0] == '-' {
		parts = parts[:n-1]
	}
	if len(parts) < 2 {
		return "", "", ""
	}
	// Parts keep their leading "/"; the impl is the last one, the item the rest.
	impl = string(parts[len(parts)-1][1:])
	item = string(bytes.Join(parts[:len(parts)-1], nil)[1:])
	grp = string(base)
	if slices.Contains(groupImpls[grp], impl) {
		return grp, item, impl
	}
	return "", "", ""
}

// shortPkgs names each package by what is left after the import path
// prefix that all of them share, e.g. "huaweicloud" for .../signer/huaweicloud.
func shortPkgs(pkgs []string) map[string]string {
	var split [][]string
	for _, p := range pkgs {
		split = append(split, strings.Split(p, "/"))
	}
	common := 0
	for ; len(split) > 0; common++ {
		// Keep at least the last element of every package.
		if common >= len(split[0])-1 {
			break
		}
		same := true
		for _, s := range split[1:] {
			same = same && common < len(s)-1 && s[common] == split[0][common]
		}
		if !same {
			break
		}
	}
	short := map[string]string{}
	for i, p := range pkgs {
		short[p] = strings.Join(split[i][common:], "/")
	}
	return short
}
