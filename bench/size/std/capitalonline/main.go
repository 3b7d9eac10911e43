// Command capitalonline is the standard-library floor of Redis
// DescribeDBInstances: GET /redis?Action=DescribeDBInstances and decode the
// envelope (Code "Success" is success).
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func main() {
	c := &http.Client{Timeout: 60 * time.Second}
	resp, err := c.Get(env("BENCH_ENDPOINT", "http://127.0.0.1:1") + "/redis?Action=DescribeDBInstances")
	if err != nil {
		fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		fail(fmt.Errorf("status %s", resp.Status))
	}
	var out struct {
		Code    string
		Message string
		Data    []struct{ InstanceName, Status string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		fail(err)
	}
	if out.Code != "Success" {
		fail(fmt.Errorf("code %s: %s", out.Code, out.Message))
	}
	fmt.Println(len(out.Data))
	if len(out.Data) > 0 {
		fmt.Println(out.Data[0].InstanceName, out.Data[0].Status)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}
