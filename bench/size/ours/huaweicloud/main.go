// Command huaweicloud makes DCS ShowInstance through this SDK (AK/SK signed).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/secret"
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func main() {
	c, err := huaweicloud.NewDCSV2(huaweicloud.Config{
		Endpoint:    env("BENCH_ENDPOINT", "http://127.0.0.1:1"),
		Credentials: huaweicloud.Credentials{AccessKey: env("BENCH_AK", "BENCHLOCALAK"), SecretKey: secret.New(env("BENCH_SK", "bench-local-sk"))},
		ProjectID:   env("BENCH_PROJECT_ID", "0123456789abcdef0123456789abcdef"),
	})
	if err != nil {
		fail(err)
	}
	r, err := c.ShowInstance(context.Background(), env("BENCH_INSTANCE_ID", "dcs-bench-instance"))
	if err != nil {
		fail(err)
	}
	if r.JSON200 == nil {
		fail(fmt.Errorf("status %d", r.StatusCode()))
	}
	fmt.Println(deref(r.JSON200.Name), deref(r.JSON200.Status))
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
