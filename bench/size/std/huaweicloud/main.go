// Command huaweicloud is the standard-library floor of DCS ShowInstance:
// GET /v2/{project_id}/instances/{instance_id} and decode two fields.
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
	ep := env("BENCH_ENDPOINT", "http://127.0.0.1:1")
	url := ep + "/v2/" + env("BENCH_PROJECT_ID", "0123456789abcdef0123456789abcdef") +
		"/instances/" + env("BENCH_INSTANCE_ID", "dcs-bench-instance")
	c := &http.Client{Timeout: 60 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		fail(fmt.Errorf("status %s", resp.Status))
	}
	var out struct {
		Name   string `json:"name"`
		Status string `json:"status"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		fail(err)
	}
	fmt.Println(out.Name, out.Status)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}
