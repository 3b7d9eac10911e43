package huaweicloud_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/secret"
)

// Issue 11 item 9: with Config.ProjectID "p-cfg" and Credentials.ProjectID
// "p-creds" the wire carried GET /v2/p-cfg/instances with X-Project-Id:
// p-creds. One rule: Config.ProjectID wins, for the path and the header.
func TestIssue11ProjectIDOneRule(t *testing.T) {
	type seen struct{ path, header string }
	var mu sync.Mutex
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, seen{r.URL.Path, r.Header.Get("X-Project-Id")})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"instance_num":0,"instances":[]}`))
	}))
	defer srv.Close()

	for name, tc := range map[string]struct {
		cfgProject, credsProject string
		want                     seen
	}{
		"both set: Config wins": {"p-cfg", "p-creds", seen{"/v2/p-cfg/instances", "p-cfg"}},
		"only Config":           {"p-cfg", "", seen{"/v2/p-cfg/instances", "p-cfg"}},
		"only Credentials":      {"", "p-creds", seen{"/v2/p-creds/instances", "p-creds"}},
	} {
		t.Run(name, func(t *testing.T) {
			got = nil
			c, err := huaweicloud.NewDCSV2(huaweicloud.Config{
				Endpoint:    srv.URL,
				ProjectID:   tc.cfgProject,
				Credentials: huaweicloud.Credentials{AccessKey: "AK", SecretKey: secret.New("SK"), ProjectID: tc.credsProject},
			})
			require.NoError(t, err)
			_, err = c.ListInstances(context.Background(), &dcsv2.ListInstancesParams{})
			require.NoError(t, err)
			require.Equal(t, []seen{tc.want}, got)
		})
	}

	// Doer alone (a caller's own client) follows the same rule.
	p, err := huaweicloud.ProjectID(huaweicloud.Config{ProjectID: "p-cfg", Credentials: huaweicloud.Credentials{ProjectID: "p-creds"}})
	require.NoError(t, err)
	require.Equal(t, "p-cfg", p)
}
