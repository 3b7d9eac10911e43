// Command ucloud makes URedis DescribeURedisBackup through this SDK (signed).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func main() {
	region := env("BENCH_REGION", "cn-east-01")
	c, err := ucloud.NewURedis(ucloud.Config{
		Endpoint:    env("BENCH_ENDPOINT", "http://127.0.0.1:1"),
		Credentials: ucloud.Credentials{PublicKey: env("BENCH_AK", "bench-local-public-key"), PrivateKey: secret.New(env("BENCH_SK", "bench-local-private-key"))},
		Region:      region,
	})
	if err != nil {
		fail(err)
	}
	group := env("BENCH_GROUP_ID", "uredis-bench")
	r, err := c.DescribeURedisBackupWithResponse(context.Background(), &uredis.DescribeURedisBackupParams{Region: region, GroupId: group})
	if err != nil {
		fail(err)
	}
	if r.JSON200 == nil {
		fail(fmt.Errorf("status %d", r.StatusCode()))
	}
	total := 0
	if r.JSON200.TotalCount != nil {
		total = *r.JSON200.TotalCount
	}
	n := 0
	if r.JSON200.DataSet != nil {
		n = len(*r.JSON200.DataSet)
	}
	fmt.Println(total, n)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}
