// Command huaweicloud makes DCS ShowInstance through Huawei Cloud's Go SDK.
package main

import (
	"fmt"
	"os"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	dcs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dcs/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dcs/v2/model"
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func main() {
	hc, err := dcs.DcsClientBuilder().
		WithEndpoints([]string{env("BENCH_ENDPOINT", "http://127.0.0.1:1")}).
		WithCredential(basic.NewCredentialsBuilder().
			WithAk(env("BENCH_AK", "BENCHLOCALAK")).
			WithSk(env("BENCH_SK", "bench-local-sk")).
			WithProjectId(env("BENCH_PROJECT_ID", "0123456789abcdef0123456789abcdef")).
			Build()).
		SafeBuild()
	if err != nil {
		fail(err)
	}
	r, err := dcs.NewDcsClient(hc).ShowInstance(&model.ShowInstanceRequest{InstanceId: env("BENCH_INSTANCE_ID", "dcs-bench-instance")})
	if err != nil {
		fail(err)
	}
	fmt.Println(deref(r.Name), deref(r.Status))
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
