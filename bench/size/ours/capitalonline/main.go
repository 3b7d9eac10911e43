// Command capitalonline makes Redis DescribeDBInstances through this SDK (signed).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/secret"
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func main() {
	c, err := capitalonline.NewRedis(capitalonline.Config{
		Endpoint:    env("BENCH_ENDPOINT", "http://127.0.0.1:1"),
		Credentials: capitalonline.Credentials{AccessKeyID: env("BENCH_AK", "bench-local-access-key"), SecretKey: secret.New(env("BENCH_SK", "bench-local-secret-key"))},
	})
	if err != nil {
		fail(err)
	}
	r, err := c.DescribeDBInstancesWithResponse(context.Background(), &redis.DescribeDBInstancesParams{})
	if err != nil {
		fail(err)
	}
	if r.JSON200 == nil {
		fail(fmt.Errorf("status %d", r.StatusCode()))
	}
	var data []redis.DBInstance
	if r.JSON200.Data != nil {
		data = *r.JSON200.Data
	}
	fmt.Println(len(data))
	if len(data) > 0 {
		fmt.Println(deref(data[0].InstanceName), deref(data[0].Status))
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
