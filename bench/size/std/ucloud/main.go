// Command ucloud is the standard-library floor of URedis
// DescribeURedisBackup: GET /?Action=…&Region=…&GroupId=… and decode the
// envelope (RetCode 0 is success, as UCloud answers errors with HTTP 200).
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
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
	q := url.Values{
		"Action":  {"DescribeURedisBackup"},
		"Region":  {env("BENCH_REGION", "cn-east-01")},
		"GroupId": {env("BENCH_GROUP_ID", "uredis-bench")},
	}
	c := &http.Client{Timeout: 60 * time.Second}
	resp, err := c.Get(env("BENCH_ENDPOINT", "http://127.0.0.1:1") + "/?" + q.Encode())
	if err != nil {
		fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		fail(fmt.Errorf("status %s", resp.Status))
	}
	var out struct {
		RetCode    int
		Message    string
		TotalCount int
		DataSet    []struct{ BackupId string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		fail(err)
	}
	if out.RetCode != 0 {
		fail(fmt.Errorf("RetCode %d: %s", out.RetCode, out.Message))
	}
	fmt.Println(out.TotalCount, len(out.DataSet))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}
