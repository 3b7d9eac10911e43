package scale

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"

	cdscommon "github.com/capitalonline/cds-gic-sdk-go/common"
	cdsprofile "github.com/capitalonline/cds-gic-sdk-go/common/profile"
	cdsredis "github.com/capitalonline/cds-gic-sdk-go/redis"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	hwconfig "github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	hwdcs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dcs/v2"
	hwmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dcs/v2/model"

	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv1"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/secret"
)

// Local-only credentials: they never leave 127.0.0.1.
const (
	hwAK      = "BENCHLOCALAK0000000"
	hwSK      = "bench-local-sk"
	hwProject = "0123456789abcdef0123456789abcdef"
	cdsAK     = "bench-local-access-key"
	cdsSK     = "bench-local-secret-key"
)

// Sizes are the item counts of BenchmarkBig; IterItems is the length of
// BenchmarkIter's walk and IterPages its page sizes (1000 is DCS's maximum
// limit, 100 a page size with ten times the per-page work).
var (
	Sizes     = []int{10, 1000, 10000}
	IterItems = 10000
	IterPages = []int{1000, 100}
)

var lists *Lists

func TestMain(m *testing.M) {
	var err error
	if lists, err = Synthesize(max(IterItems, Sizes[len(Sizes)-1])); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(2)
	}
	os.Exit(m.Run())
}

// impl performs one call (or one walk) and checks what it decoded.
type impl func(context.Context) error

type namedImpl struct {
	name string
	run  impl
}

// mismatch reports a decoded result that differs from the served bytes.
func mismatch[T comparable](got, want T) error {
	if got == want {
		return nil
	}
	return fmt.Errorf("decoded %+v, served %+v", got, want)
}

// listFacts are what every check compares: the declared total (the item
// count where the body declares none), the items decoded, the last one's id.
type listFacts struct {
	Total, Items int
	LastID       string
}

func facts[T any](total int, items []T, id func(T) *string) listFacts {
	f := listFacts{Total: total, Items: len(items)}
	if len(items) > 0 {
		f.LastID = deref(id(items[len(items)-1]))
	}
	return f
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func ptr[T any](v T) *T { return &v }

// clients are the clients of every implementation against one server.
type clients struct {
	url     string
	oursV2  *dcsv2.ProjectClient
	oursV1  *dcsv1.ProjectClient
	oursCDS *redis.ClientWithResponses
	peerV2  *hwdcs.DcsClient
	peerCDS *cdsredis.Client
	floor   *http.Client
}

// plainHTTP lets the CapitalOnline SDK, which always builds https:// URLs,
// reach the plain-HTTP server (as in bench/calls).
type plainHTTP struct{}

func (plainHTTP) RoundTrip(r *http.Request) (*http.Response, error) {
	r.URL.Scheme = "http"
	return http.DefaultTransport.RoundTrip(r)
}

func newClients(tb testing.TB, srvURL string) *clients {
	c := &clients{url: srvURL, floor: &http.Client{}}
	hw := huaweicloud.Config{Endpoint: srvURL, Credentials: huaweicloud.Credentials{AccessKey: hwAK, SecretKey: secret.New(hwSK)}, ProjectID: hwProject}
	var err error
	if c.oursV2, err = huaweicloud.NewDCSV2(hw); err != nil {
		tb.Fatal(err)
	}
	if c.oursV1, err = huaweicloud.NewDCSV1(hw); err != nil {
		tb.Fatal(err)
	}
	if c.oursCDS, err = capitalonline.NewRedis(capitalonline.Config{Endpoint: srvURL, Credentials: capitalonline.Credentials{AccessKeyID: cdsAK, SecretKey: secret.New(cdsSK)}}); err != nil {
		tb.Fatal(err)
	}
	hc, err := hwdcs.DcsClientBuilder().
		WithEndpoints([]string{srvURL}).
		WithCredential(basic.NewCredentialsBuilder().WithAk(hwAK).WithSk(hwSK).WithProjectId(hwProject).Build()).
		WithHttpConfig(hwconfig.DefaultHttpConfig()).
		SafeBuild()
	if err != nil {
		tb.Fatal(err)
	}
	c.peerV2 = hwdcs.NewDcsClient(hc)
	u, err := url.Parse(srvURL)
	if err != nil {
		tb.Fatal(err)
	}
	p := cdsprofile.NewClientProfile()
	p.HttpProfile.Endpoint = u.Host
	p.HttpProfile.ReqMethod = http.MethodGet
	if c.peerCDS, err = cdsredis.NewClient(cdscommon.NewCredential(cdsAK, cdsSK), "", p); err != nil {
		tb.Fatal(err)
	}
	c.peerCDS.WithHttpTransport(plainHTTP{})
	return c
}

// floorGet sends a GET and decodes a 200 JSON body into out.
func (c *clients) floorGet(ctx context.Context, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.url+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.floor.Do(req)
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

func v2ID(i dcsv2.InstanceListInfo) *string       { return i.InstanceId }
func v2PeerID(i hwmodel.InstanceListInfo) *string { return i.InstanceId }
func v1ID(i dcsv1.InstanceListInfo) *string       { return i.InstanceId }
func cdsID(i redis.DBInstance) *string            { return i.InstanceUuid }
func cdsPeerID(i *cdsredis.DescribeDBInstanceEntry) *string {
	if i == nil {
		return nil
	}
	return i.InstanceUuid
}

// bigImpls are the implementations of one call of list returning n items;
// want comes from the served items (the last one's id, the count).
func bigImpls(c *clients, list List, n int) []namedImpl {
	want := listFacts{Total: n, Items: n, LastID: lists.ID(list, n-1)}
	lim := int32(n)
	switch list {
	case HuaweiV2:
		v2 := func(o *dcsv2.ListInstancesOutput) error {
			if o == nil {
				return mismatch("no result", "a result")
			}
			return mismatch(facts(int(deref(o.InstanceNum)), deref(o.Instances), v2ID), want)
		}
		return []namedImpl{
			{"ours", func(ctx context.Context) error {
				r, err := c.oursV2.ListInstances(ctx, &dcsv2.ListInstancesParams{Offset: ptr[int32](0), Limit: &lim})
				if err != nil {
					return err
				}
				return v2(r.JSON200)
			}},
			{"peer", func(context.Context) error {
				r, err := c.peerV2.ListInstances(&hwmodel.ListInstancesRequest{Offset: ptr[int32](0), Limit: &lim})
				if err != nil {
					return err
				}
				return mismatch(facts(int(deref(r.InstanceNum)), deref(r.Instances), v2PeerID), want)
			}},
			{"floor", func(ctx context.Context) error {
				var o dcsv2.ListInstancesOutput
				if err := c.floorGet(ctx, fmt.Sprintf("/v2/%s/instances?offset=0&limit=%d", hwProject, n), &o); err != nil {
					return err
				}
				return v2(&o)
			}},
		}
	case HuaweiV1:
		v1 := func(o *dcsv1.ListInstancesOutput) error {
			if o == nil {
				return mismatch("no result", "a result")
			}
			return mismatch(facts(int(deref(o.InstanceNum)), deref(o.Instances), v1ID), want)
		}
		return []namedImpl{
			{"ours", func(ctx context.Context) error {
				r, err := c.oursV1.ListInstances(ctx, &dcsv1.ListInstancesParams{Start: ptr(1), Limit: ptr(n)})
				if err != nil {
					return err
				}
				return v1(r.JSON200)
			}},
			// The Huawei SDK has no DCS V1 client: no peer.
			{"floor", func(ctx context.Context) error {
				var o dcsv1.ListInstancesOutput
				if err := c.floorGet(ctx, fmt.Sprintf("/v1.0/%s/instances?start=1&limit=%d", hwProject, n), &o); err != nil {
					return err
				}
				return v1(&o)
			}},
		}
	case CDS:
		want.Total = 0 // CapitalOnline declares no total
		cds := func(o *redis.DescribeDBInstancesOutput) error {
			if o == nil || o.Code != "Success" {
				return mismatch("no success", "Success")
			}
			return mismatch(facts(0, deref(o.Data), cdsID), want)
		}
		return []namedImpl{
			{"ours", func(ctx context.Context) error {
				r, err := c.oursCDS.DescribeDBInstancesWithResponse(ctx, &redis.DescribeDBInstancesParams{})
				if err != nil {
					return err
				}
				return cds(r.JSON200)
			}},
			{"peer", func(context.Context) error {
				r, err := c.peerCDS.DescribeDBInstances(cdsredis.NewDescribeDBInstancesRequest())
				if err != nil {
					return err
				}
				return mismatch(facts(0, r.Data, cdsPeerID), want)
			}},
			{"floor", func(ctx context.Context) error {
				var o redis.DescribeDBInstancesOutput
				if err := c.floorGet(ctx, "/redis?Action=DescribeDBInstances", &o); err != nil {
					return err
				}
				return cds(&o)
			}},
		}
	}
	panic("unknown list " + list)
}

// iterImpls walk all n items of list in pages of page items: ours through
// the generated paginator (ListInstancesItems), hand with the raw client in
// a hand-written offset loop that stops at the declared total.
func iterImpls(c *clients, list List, n, page int) []namedImpl {
	want := listFacts{Total: n, Items: n, LastID: lists.ID(list, n-1)}
	lim32 := int32(page)
	switch list {
	case HuaweiV2:
		return []namedImpl{
			{"ours", func(ctx context.Context) error {
				got := listFacts{Total: n}
				for it, err := range c.oursV2.ListInstancesItems(ctx, &dcsv2.ListInstancesParams{Limit: &lim32}) {
					if err != nil {
						return err
					}
					got.Items++
					got.LastID = deref(it.InstanceId)
				}
				return mismatch(got, want)
			}},
			{"hand", func(ctx context.Context) error {
				got := listFacts{}
				for offset := int32(0); ; {
					r, err := c.oursV2.ListInstances(ctx, &dcsv2.ListInstancesParams{Offset: &offset, Limit: &lim32})
					if err != nil {
						return err
					}
					if r.JSON200 == nil {
						return mismatch("no result", "a result")
					}
					insts := deref(r.JSON200.Instances)
					got.Total = int(deref(r.JSON200.InstanceNum))
					for i := range insts {
						got.Items++
						got.LastID = deref(insts[i].InstanceId)
					}
					offset += int32(len(insts))
					if len(insts) == 0 || int(offset) >= got.Total {
						break
					}
				}
				return mismatch(got, want)
			}},
		}
	case HuaweiV1:
		return []namedImpl{
			{"ours", func(ctx context.Context) error {
				got := listFacts{Total: n}
				for it, err := range c.oursV1.ListInstancesItems(ctx, &dcsv1.ListInstancesParams{Limit: &page}) {
					if err != nil {
						return err
					}
					got.Items++
					got.LastID = deref(it.InstanceId)
				}
				return mismatch(got, want)
			}},
			{"hand", func(ctx context.Context) error {
				got := listFacts{}
				for start := 1; ; {
					r, err := c.oursV1.ListInstances(ctx, &dcsv1.ListInstancesParams{Start: &start, Limit: &page})
					if err != nil {
						return err
					}
					if r.JSON200 == nil {
						return mismatch("no result", "a result")
					}
					insts := deref(r.JSON200.Instances)
					got.Total = int(deref(r.JSON200.InstanceNum))
					for i := range insts {
						got.Items++
						got.LastID = deref(insts[i].InstanceId)
					}
					start += len(insts)
					if len(insts) == 0 || start-1 >= got.Total {
						break
					}
				}
				return mismatch(got, want)
			}},
		}
	}
	panic("no paginator for " + list)
}

// iterLists are the lists with a paginator.
var iterLists = []List{HuaweiV2, HuaweiV1}

// heapObjects is the runtime/metrics name of the bytes the heap's objects
// occupy, live or not yet swept: the heap a process holds for them.
const heapObjects = "/memory/classes/heap/objects:bytes"

// peakHeap runs f after a full collection and returns how far the heap's
// objects grew above what was there before, at the highest of samples taken
// by a goroutine reading runtime/metrics in a tight loop while f runs (the
// collector runs as usual, at GOGC). A sample does not stop the world, so
// the figure can miss a peak shorter than one sample's few microseconds.
func peakHeap(f func() error) (uint64, error) {
	runtime.GC()
	s := []metrics.Sample{{Name: heapObjects}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		local := []metrics.Sample{{Name: heapObjects}}
		for {
			metrics.Read(local)
			peak = max(peak, local[0].Value.Uint64())
			select {
			case <-done:
				return
			default:
				runtime.Gosched()
			}
		}
	})
	err := f()
	close(done)
	wg.Wait()
	if peak < base {
		return 0, err
	}
	return peak - base, err
}

// peakOf is the highest peakHeap of runs calls of run.
func peakOf(ctx context.Context, run impl, runs int) (uint64, error) {
	var top uint64
	for range runs {
		p, err := peakHeap(func() error { return run(ctx) })
		if err != nil {
			return 0, err
		}
		top = max(top, p)
	}
	return top, nil
}

// BenchmarkBig measures one call returning n items:
// Big/<list>/n<n>/<ours|peer|floor>. B/op is the bytes allocated per call;
// peakheap-B the peak heap growth during one call (peakHeap, the highest of
// three calls after the timed loop); resp-B the response body's size. Every
// call checks the count and the last item's id.
func BenchmarkBig(b *testing.B) {
	ctx := context.Background()
	for _, n := range Sizes {
		srv := NewServer(lists, n)
		c := newClients(b, srv.URL)
		for _, list := range AllLists {
			size := len(lists.Body(list, 0, n, n))
			for _, im := range bigImpls(c, list, n) {
				b.Run(fmt.Sprintf("%s/n%d/%s", list, n, im.name), func(b *testing.B) {
					b.ReportAllocs()
					// One call first, outside the measurement: the server
					// builds and keeps each body on its first request, and
					// the connection is opened.
					if err := im.run(ctx); err != nil {
						b.Fatal(err)
					}
					for b.Loop() {
						if err := im.run(ctx); err != nil {
							b.Fatal(err)
						}
					}
					peak, err := peakOf(ctx, im.run, 3)
					if err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(float64(peak), "peakheap-B")
					b.ReportMetric(float64(size), "resp-B")
				})
			}
		}
		srv.Close()
	}
}

// BenchmarkIter walks IterItems items: Iter/<list>/n<n>/p<page>/<ours|hand>.
// Every walk checks the item count and the last item's id.
func BenchmarkIter(b *testing.B) {
	ctx := context.Background()
	srv := NewServer(lists, IterItems)
	defer srv.Close()
	c := newClients(b, srv.URL)
	for _, list := range iterLists {
		for _, page := range IterPages {
			for _, im := range iterImpls(c, list, IterItems, page) {
				b.Run(fmt.Sprintf("%s/n%d/p%d/%s", list, IterItems, page, im.name), func(b *testing.B) {
					b.ReportAllocs()
					// One call first, outside the measurement: the server
					// builds and keeps each body on its first request, and
					// the connection is opened.
					if err := im.run(ctx); err != nil {
						b.Fatal(err)
					}
					for b.Loop() {
						if err := im.run(ctx); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}
