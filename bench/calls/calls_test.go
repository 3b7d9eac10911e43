package calls

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/bench/fixture"
	"github.com/cachesdk/cachesdk/doer"
)

// impl performs one call and checks what it decoded.
type impl func(context.Context) error

// callCase is one call, three ways.
type callCase struct {
	call              fixture.Call
	ours, peer, floor impl
}

func (c callCase) impls() []struct {
	name string
	run  impl
} {
	return []struct {
		name string
		run  impl
	}{{"ours", c.ours}, {"peer", c.peer}, {"floor", c.floor}}
}

var bodies *fixture.Bodies

func TestMain(m *testing.M) {
	var err error
	if bodies, err = fixture.Load(); err != nil {
		fmt.Fprintln(os.Stderr, "fixture:", err)
		os.Exit(2)
	}
	fixture.ServeChild(bodies) // in BenchmarkCall's server process: serves, never returns
	// The concurrency benchmarks talk TLS; every client trusts the test
	// certificate through the process's roots, with no setting of its own.
	dir, err := os.MkdirTemp("", "bench-calls")
	if err == nil {
		err = fixture.TrustTestCertificate(dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fixture:", err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cases builds every call's three clients against the server at url; want
// values come from b, the bytes the server answers with.
func cases(tb testing.TB, url string, b *fixture.Bodies) []callCase {
	var all []callCase
	all = append(all, huaweiCases(tb, url, b)...)
	all = append(all, ucloudCases(tb, url, b)...)
	all = append(all, capitalOnlineCases(tb, url, b)...)
	return all
}

// TestCalls runs every call every way, several times over one connection,
// and requires the decoded result to match the served bytes.
func TestCalls(t *testing.T) {
	srv := fixture.NewServer(bodies)
	defer srv.Close()
	seen := map[fixture.Call]bool{}
	for _, c := range cases(t, srv.URL, bodies) {
		seen[c.call] = true
		for _, im := range c.impls() {
			t.Run(string(c.call)+"/"+im.name, func(t *testing.T) {
				for range 3 {
					require.NoError(t, im.run(context.Background()))
				}
			})
		}
	}
	require.Len(t, seen, len(bodies.Response), "every fixture call is benchmarked")
}

// TestClientServerProcess runs every call once against the server process
// BenchmarkClient uses, and checks that stopping it ends it.
func TestClientServerProcess(t *testing.T) {
	url, stop, err := fixture.StartProcess()
	require.NoError(t, err)
	for _, c := range cases(t, url, bodies) {
		for _, im := range c.impls() {
			require.NoError(t, im.run(context.Background()), "%s/%s", c.call, im.name)
		}
	}
	stop()
	_, err = http.Get(url)
	require.Error(t, err, "the server process is gone")
}

// TestChecksCatchWrongAnswers serves altered bytes: every implementation
// must then report a mismatch, which shows the checks can fail.
func TestChecksCatchWrongAnswers(t *testing.T) {
	wrong := &fixture.Bodies{Response: map[fixture.Call][]byte{}, Request: bodies.Request}
	for call, body := range bodies.Response {
		wrong.Response[call] = alter(t, body)
	}
	srv := fixture.NewServer(wrong)
	defer srv.Close()
	// The clients point at the altered server, the expectations come from
	// the true bytes.
	for _, c := range cases(t, srv.URL, bodies) {
		for _, im := range c.impls() {
			err := im.run(context.Background())
			require.Error(t, err, "%s/%s accepted altered bytes", c.call, im.name)
			require.Contains(t, err.Error(), "decoded", "%s/%s", c.call, im.name)
		}
	}
}

// alter changes the identifying values of a body without breaking its JSON
// or its types: every "…-…" id string gets another last character and
// every number grows by one.
func alter(t *testing.T, body []byte) []byte {
	var v any
	require.NoError(t, json.Unmarshal(body, &v))
	out, err := json.Marshal(alterValue(v))
	require.NoError(t, err)
	return out
}

func alterValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k == "Code" || k == "RetCode" || k == "Action" {
				continue // keep success envelopes successful
			}
			x[k] = alterValue(e)
		}
	case []any:
		for i, e := range x {
			x[i] = alterValue(e)
		}
	case string:
		if strings.Contains(x, "-") || strings.HasPrefix(x, "*") {
			return x + "x"
		}
		return x
	case float64:
		return x + 1
	}
	return v
}

// BenchmarkCall measures each call each way; the names are
// Call/<vendor.Operation>/<ours|peer|floor> (cmd/benchtable groups by them).
// The server runs in this process, as a warm local server would answer:
// its share (~40 allocations a request) counts for every side alike.
func BenchmarkCall(b *testing.B) {
	srv := fixture.NewServer(bodies)
	defer srv.Close()
	benchCalls(b, srv.URL, false)
}

// BenchmarkClient measures the same calls with the server in its own
// process (fixture.StartProcess), so that B/op and allocs/op are what each
// client alone allocates, and reports the CPU time this process spends per
// call (cpu-ns/op: the client's goroutines, its transport's and the
// collector's). Names: Client/<vendor.Operation>/<impl>.
func BenchmarkClient(b *testing.B) {
	url, stop, err := fixture.StartProcess()
	if err != nil {
		b.Fatal(err)
	}
	defer stop()
	benchCalls(b, url, true)
}

func benchCalls(b *testing.B, url string, cpu bool) {
	ctx := context.Background()
	for _, c := range cases(b, url, bodies) {
		for _, im := range c.impls() {
			b.Run(string(c.call)+"/"+im.name, func(b *testing.B) {
				b.ReportAllocs()
				before := processCPU()
				for b.Loop() {
					if err := im.run(ctx); err != nil {
						b.Fatal(err)
					}
				}
				if cpu {
					b.ReportMetric(float64(processCPU()-before)/float64(b.N), "cpu-ns/op")
				}
			})
		}
	}
}

// mismatch reports a decoded result that differs from the served bytes.
func mismatch[T comparable](got, want T) error {
	if got == want {
		return nil
	}
	return fmt.Errorf("decoded %+v, served %+v", got, want)
}

// floorClient is the floor's plain client: no timeout, no middleware, and a
// pool that keeps an idle connection for each of up to floorPool concurrent
// callers (the floor is the least a call can cost, so it never reconnects
// for want of an idle connection; one caller at a time is unaffected).
var floorClient = &http.Client{Transport: floorTransport()}

const floorPool = 256

func floorTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = floorPool, floorPool
	return t
}

// oursHTTPClient is Config.HTTPClient for the cachesdk clients that cases
// builds: nil (the default pipeline.DefaultHTTPClient) except while the
// concurrency benchmark builds its "tuned" variant.
var oursHTTPClient doer.Doer

// floorDo sends req and decodes a 200 JSON body into out.
func floorDo(req *http.Request, out any) error {
	resp, err := floorClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// field reads a value from JSON bytes by a dotted path (numbers index arrays);
// the want values come from the served bytes through it.
func field(tb testing.TB, body []byte, path string) any {
	tb.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		tb.Fatal(err)
	}
	for _, p := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			var i int
			if _, err := fmt.Sscan(p, &i); err != nil || i >= len(x) {
				tb.Fatalf("path %s: bad index %s", path, p)
			}
			v = x[i]
		default:
			tb.Fatalf("path %s: %s is not in an object or array", path, p)
		}
	}
	if v == nil {
		tb.Fatalf("path %s: no value", path)
	}
	return v
}

func str(tb testing.TB, body []byte, path string) string {
	tb.Helper()
	s, ok := field(tb, body, path).(string)
	if !ok {
		tb.Fatalf("path %s: not a string", path)
	}
	return s
}

func num(tb testing.TB, body []byte, path string) int64 {
	tb.Helper()
	f, ok := field(tb, body, path).(float64)
	if !ok {
		tb.Fatalf("path %s: not a number", path)
	}
	return int64(f)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func ptr[T any](v T) *T { return &v }

// processCPU is the CPU time this process has used (user + system, every
// thread: the client's goroutines, its transport's and the collector), in
// nanoseconds. With the server in its own process, that is the client's cost.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
