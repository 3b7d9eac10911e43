// Command capitalonline makes Redis DescribeDBInstances through
// CapitalOnline's Go SDK (cds-gic-sdk-go).
package main

import (
	"fmt"
	"net/http"
	"net/url"
	"os"

	"github.com/capitalonline/cds-gic-sdk-go/common"
	"github.com/capitalonline/cds-gic-sdk-go/common/profile"
	"github.com/capitalonline/cds-gic-sdk-go/redis"
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// plainHTTP lets the SDK, which always builds https:// URLs, reach a
// plain-HTTP endpoint (a local test server).
type plainHTTP struct{}

func (plainHTTP) RoundTrip(r *http.Request) (*http.Response, error) {
	r.URL.Scheme = "http"
	return http.DefaultTransport.RoundTrip(r)
}

func main() {
	u, err := url.Parse(env("BENCH_ENDPOINT", "http://127.0.0.1:1"))
	if err != nil {
		fail(err)
	}
	p := profile.NewClientProfile()
	p.HttpProfile.Endpoint = u.Host + "/redis" // as the SDK's default domain, cdsapi.capitalonline.net/redis
	p.HttpProfile.ReqMethod = http.MethodGet   // the SDK's default is POST; Describe calls are GET
	c, err := redis.NewClient(common.NewCredential(env("BENCH_AK", "bench-local-access-key"), env("BENCH_SK", "bench-local-secret-key")), "", p)
	if err != nil {
		fail(err)
	}
	if u.Scheme == "http" {
		c.WithHttpTransport(plainHTTP{})
	}
	r, err := c.DescribeDBInstances(redis.NewDescribeDBInstancesRequest())
	if err != nil {
		fail(err)
	}
	fmt.Println(len(r.Data))
	if len(r.Data) > 0 {
		fmt.Println(deref(r.Data[0].InstanceName), deref(r.Data[0].Status))
	}
}

func deref[T any](p *T) (v T) {
	if p != nil {
		v = *p
	}
	return v
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}
