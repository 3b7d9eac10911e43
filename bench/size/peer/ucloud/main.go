// Command ucloud makes DescribeURedisBackup through UCloud's Go SDK (umem).
package main

import (
	"fmt"
	"os"

	"github.com/ucloud/ucloud-sdk-go/services/umem"
	uc "github.com/ucloud/ucloud-sdk-go/ucloud"
	"github.com/ucloud/ucloud-sdk-go/ucloud/auth"
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func main() {
	cfg := uc.NewConfig()
	cfg.BaseUrl = env("BENCH_ENDPOINT", "http://127.0.0.1:1")
	cred := auth.NewCredential()
	cred.PublicKey = env("BENCH_AK", "bench-local-public-key")
	cred.PrivateKey = env("BENCH_SK", "bench-local-private-key")
	c := umem.NewClient(&cfg, &cred)

	req := c.NewDescribeURedisBackupRequest()
	req.Region = uc.String(env("BENCH_REGION", "cn-east-01"))
	req.GroupId = uc.String(env("BENCH_GROUP_ID", "uredis-bench"))
	r, err := c.DescribeURedisBackup(req)
	if err != nil {
		fail(err)
	}
	fmt.Println(r.TotalCount, len(r.DataSet))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}
