// Command sizes compares binary size and cold build time of one API call made
// three ways (bench/size): std (net/http + encoding/json), ours (this SDK) and
// peer (the vendor's official SDK). Run it from the bench module:
//
//	go run ./cmd/sizes [-md] [-only vendor] [-strict]
//
// Each program is built with default flags and with -ldflags=-s -w. The
// default build is timed with an empty GOCACHE, so it compiles the standard
// library too (the same for all three); the module cache is warmed first with
// go mod download (untimed) and GOPROXY=off keeps downloads out of the timing.
//
// The target is ours ≤ std + 1 MiB for both builds; the dependencies of ours
// must include no spec loader, YAML or validator package. A MISS only fails
// the exit status with -strict; a build failure always does.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

var (
	vendors = []string{"huaweicloud", "ucloud", "capitalonline"}
	kinds   = []string{"std", "ours", "peer"}
)

// forbidden are module path prefixes that must not reach a client binary:
// spec loading, YAML and validation belong to generation and tests, not calls.
var forbidden = []string{
	"github.com/getkin/kin-openapi", "gopkg.in/yaml", "sigs.k8s.io/yaml", "github.com/goccy/go-yaml",
	"go.yaml.in/yaml", "github.com/go-playground/validator", "github.com/oasdiff",
}

const mib = 1 << 20

// slack is how much bigger than std ours may be.
const slack = 1 * mib

// row is one program's measurements.
type row struct {
	Kind         string
	Size, SizeSW int64         // bytes: default build, -ldflags=-s -w
	Cold         time.Duration // default build with an empty GOCACHE
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sizes", flag.ContinueOnError)
	md := fs.Bool("md", false, "print Markdown tables")
	only := fs.String("only", "", "measure one vendor: "+strings.Join(vendors, ", "))
	strict := fs.Bool("strict", false, "exit non-zero on a MISS too")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	list := vendors
	if *only != "" {
		list = []string{*only}
		if !contains(vendors, *only) {
			fmt.Fprintf(stderr, "sizes: unknown vendor %q (want one of %s)\n", *only, strings.Join(vendors, ", "))
			return 2
		}
	}

	g, err := newGoTool(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "sizes:", err)
		return 1
	}
	fmt.Fprintf(stdout, "machine: %s/%s, %d CPUs, %s, CGO_ENABLED=%s\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), g.version, g.cgo)
	fmt.Fprintln(stderr, "go mod download (untimed)")
	if _, err := g.run(ctx, nil, "mod", "download"); err != nil {
		fmt.Fprintln(stderr, "sizes:", err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "sizes-")
	if err != nil {
		fmt.Fprintln(stderr, "sizes:", err)
		return 1
	}
	defer os.RemoveAll(tmp)

	code := 0
	for _, v := range list {
		rows, err := measure(ctx, g, tmp, v, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "sizes: %s: %v\n", v, err)
			code = 1
			continue
		}
		bad, err := g.offenders(ctx, "./size/ours/"+v)
		if err != nil {
			fmt.Fprintf(stderr, "sizes: %s: %v\n", v, err)
			code = 1
			continue
		}
		if !report(stdout, v, rows, bad, *md) && *strict && code == 0 {
			code = 3
		}
	}
	return code
}

// measure builds the three programs of vendor sequentially (2-core machines
// are the norm here, and parallel builds would skew the timings).
func measure(ctx context.Context, g *goTool, tmp, vendor string, log io.Writer) ([]row, error) {
	var rows []row
	for _, k := range kinds {
		pkg := "./size/" + k + "/" + vendor
		cache, err := os.MkdirTemp(tmp, "gocache-")
		if err != nil {
			return nil, err
		}
		bin := filepath.Join(tmp, k+"-"+vendor)
		env := []string{"GOCACHE=" + cache}
		fmt.Fprintf(log, "building %s (cold cache)\n", pkg)
		start := time.Now()
		if _, err := g.run(ctx, env, "build", "-o", bin, pkg); err != nil {
			return nil, err
		}
		r := row{Kind: k, Cold: time.Since(start)}
		if r.Size, err = fileSize(bin); err != nil {
			return nil, err
		}
		// Same cache: -s -w changes only the link.
		if _, err := g.run(ctx, env, "build", "-ldflags=-s -w", "-o", bin, pkg); err != nil {
			return nil, err
		}
		if r.SizeSW, err = fileSize(bin); err != nil {
			return nil, err
		}
		rows = append(rows, r)
		if err := os.RemoveAll(cache); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

func fileSize(path string) (int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), os.Remove(path)
}

// target reports whether ours is within slack of std in both builds.
func target(rows []row) (pass bool, err error) {
	std, ok1 := find(rows, "std")
	ours, ok2 := find(rows, "ours")
	if !ok1 || !ok2 {
		return false, errors.New("rows need std and ours")
	}
	return ours.Size <= std.Size+slack && ours.SizeSW <= std.SizeSW+slack, nil
}

// report prints vendor's table and verdicts; it returns false on a MISS.
func report(w io.Writer, vendor string, rows []row, offenders []string, md bool) bool {
	std, _ := find(rows, "std")
	cells := [][]string{{"program", "default", "-s -w", "Δstd default", "Δstd -s -w", "cold build"}}
	for _, r := range rows {
		d, dsw := "—", "—"
		if r.Kind != "std" {
			d, dsw = delta(r.Size-std.Size), delta(r.SizeSW-std.SizeSW)
		}
		cells = append(cells, []string{r.Kind, size(r.Size), size(r.SizeSW), d, dsw, fmt.Sprintf("%.1f s", r.Cold.Seconds())})
	}
	pass, err := target(rows)
	verdict := "MISS"
	if pass {
		verdict = "PASS"
	}
	if err != nil {
		verdict = "n/a (" + err.Error() + ")"
	}
	deps := "none"
	if len(offenders) > 0 {
		deps = strings.Join(offenders, ", ")
	}
	if md {
		fmt.Fprintf(w, "#### %s\n\n", vendor)
		for i, c := range cells {
			fmt.Fprintf(w, "| %s |\n", strings.Join(c, " | "))
			if i == 0 {
				fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|")
			}
		}
		fmt.Fprintf(w, "\nTarget ours ≤ std + 1 MiB (default and -s -w): **%s**. Spec loader / YAML / validator packages in ours: %s.\n\n", verdict, deps)
	} else {
		fmt.Fprintf(w, "%s\n", vendor)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		for _, c := range cells {
			fmt.Fprintf(tw, "%s\t\n", strings.Join(c, "\t"))
		}
		tw.Flush()
		fmt.Fprintf(w, "target ours ≤ std + 1 MiB (default and -s -w): %s\nspec loader / YAML / validator packages in ours: %s\n\n", verdict, deps)
	}
	return pass && len(offenders) == 0
}

// size shows bytes and MiB, e.g. "9416179 (8.98 MiB)".
func size(n int64) string { return fmt.Sprintf("%d (%.2f MiB)", n, float64(n)/mib) }

// delta shows a signed difference in MiB, e.g. "+0.45 MiB".
func delta(n int64) string { return fmt.Sprintf("%+.2f MiB", float64(n)/mib) }

func find(rows []row, kind string) (row, bool) {
	for _, r := range rows {
		if r.Kind == kind {
			return r, true
		}
	}
	return row{}, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// goTool runs the go command of one GOROOT in the bench module's directory.
type goTool struct {
	path, dir, version, cgo string
}

// newGoTool resolves $GO (default the go on PATH) to its GOROOT's go binary,
// so a toolchain-switching wrapper is not what gets timed, and finds the
// bench module's root (the directory of go.mod) from the working directory.
func newGoTool(ctx context.Context) (*goTool, error) {
	g := &goTool{path: os.Getenv("GO")}
	if g.path == "" {
		g.path = "go"
	}
	out, err := g.run(ctx, nil, "env", "GOROOT", "GOMOD", "CGO_ENABLED")
	if err != nil {
		return nil, err
	}
	f := strings.Split(strings.TrimSpace(out), "\n")
	if len(f) != 3 || f[1] == "" || f[1] == os.DevNull {
		return nil, errors.New("run me inside the bench module (go run ./cmd/sizes)")
	}
	if p := filepath.Join(f[0], "bin", "go"); fileExists(p) {
		g.path = p
	}
	g.dir, g.cgo = filepath.Dir(f[1]), f[2]
	if g.version, err = g.run(ctx, nil, "env", "GOVERSION"); err != nil {
		return nil, err
	}
	g.version = strings.TrimSpace(g.version)
	return g, nil
}

// run runs go with args in the module directory. The environment pins the
// build to local, read-only modules: nothing is downloaded or rewritten.
func (g *goTool) run(ctx context.Context, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, g.path, args...)
	cmd.Dir = g.dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOTOOLCHAIN=local")
	if len(args) > 0 && args[0] != "mod" {
		cmd.Env = append(cmd.Env, "GOPROXY=off")
	}
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String(), nil
}

// offenders lists the forbidden packages among pkg's dependencies.
func (g *goTool) offenders(ctx context.Context, pkg string) ([]string, error) {
	out, err := g.run(ctx, nil, "list", "-deps", pkg)
	if err != nil {
		return nil, err
	}
	var bad []string
	for _, p := range strings.Fields(out) {
		for _, f := range forbidden {
			if p == f || strings.HasPrefix(p, f+"/") || strings.HasPrefix(p, f+".") {
				bad = append(bad, p)
			}
		}
	}
	return bad, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
