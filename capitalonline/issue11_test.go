package capitalonline_test

// Issue 11 ("Wire truth"), CapitalOnline: fields real clients carry that the
// seed documents lack, and response scalars whose JSON type the witnesses
// disagree on, through the real clients (NewRedis, NewMemcached) against a
// signature-checking server on 127.0.0.1. Sources of the bodies: the 2023
// revision of capitalonline/openapi Redis概览.md (2844075; Tags), the
// vendor's Go SDK capitalonline/cds-gic-sdk-go v0.3.16 redis/models.go (Cpu
// *int, SubjectId *int omitempty), and seed 002 (Port "11211" in the
// examples, int in the tables).

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/flex"
	"github.com/cachesdk/cachesdk/gen/capitalonline/memcached"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/verifier"
)

// Made-up credentials that exist only on 127.0.0.1.
var issue11Creds = capitalonline.Credentials{AccessKeyID: "AKISSUE11", SecretKey: secret.New("SKISSUE11")}

// seen is what the server received.
type seen struct {
	query url.Values
	body  []byte
}

// server answers every request with body after checking its signature as
// CapitalOnline does, and records what it received.
func server(t *testing.T, body string) (string, func() seen) {
	t.Helper()
	v := verifier.CapitalOnline{Secret: func(ak string) (string, bool) { return issue11Creds.SecretKey.Reveal(), ak == issue11Creds.AccessKeyID }}
	var mu sync.Mutex
	var got seen
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err == nil {
			err = v.Verify(r, b)
		}
		if err != nil {
			http.Error(w, `{"Code":"InvalidParameter","Message":"bad signature"}`, http.StatusBadRequest)
			return
		}
		mu.Lock()
		got = seen{r.URL.Query(), b}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(ts.Close)
	return ts.URL, func() seen { mu.Lock(); defer mu.Unlock(); return got }
}

func config(endpoint string) capitalonline.Config {
	return capitalonline.Config{Endpoint: endpoint, Credentials: issue11Creds, Retry: &retry.Policy{MaxAttempts: 1}}
}

func TestIssue11DescribeDBInstancesCpuAndTags(t *testing.T) {
	// The 2023 page's example item, with Cpu as the vendor's SDK types it.
	const body = `{"Code":"Success","Message":"success","Data":[{"InstanceUuid":"86b9ded8-3f11-4bea-9232-a571a6de0fbf","Port":9736,"Ram":4096,"Status":"RUNNING","Cpu":2,"Tags":[{"TagID":24644,"TagName":"test_tag"}]}]}`
	base, got := server(t, body)
	c, err := capitalonline.NewRedis(config(base))
	require.NoError(t, err)
	tag := "test_tag"
	out, err := c.DescribeDBInstancesWithResponse(context.Background(), &redis.DescribeDBInstancesParams{TagName: &tag})
	require.NoError(t, err)
	require.NotNil(t, out.JSON200)
	require.NotNil(t, out.JSON200.Data)
	require.Len(t, *out.JSON200.Data, 1)
	in := (*out.JSON200.Data)[0]
	require.NotNil(t, in.Cpu)
	assert.Equal(t, 2, *in.Cpu)
	require.NotNil(t, in.Tags)
	require.Len(t, *in.Tags, 1)
	assert.Equal(t, 24644, *(*in.Tags)[0].TagID)
	assert.Equal(t, "test_tag", *(*in.Tags)[0].TagName)
	assert.Equal(t, 9736, *in.Port)
	assert.Equal(t, "test_tag", got().query.Get("TagName"), "the TagName filter reaches the server")
}

func TestIssue11CreateDBInstanceSubjectId(t *testing.T) {
	const body = `{"Code":"Success","Message":"Success.","Data":{"InstancesUuid":["5d74bb81-0473-464d-b15b-0ae418619248"]},"TaskId":"t-1"}`
	input := func() redis.CreateDBInstanceInput {
		return redis.CreateDBInstanceInput{RegionId: "CN_Beijing_A", VdcId: "vdc-1", BasePipeId: "pipe-1", InstanceName: "r1", PaasGoodsId: 12188, Password: "pw-issue11"}
	}
	sent := func(t *testing.T, in redis.CreateDBInstanceInput) map[string]json.RawMessage {
		t.Helper()
		base, got := server(t, body)
		c, err := capitalonline.NewRedis(config(base))
		require.NoError(t, err)
		out, err := c.CreateDBInstanceWithResponse(context.Background(), in)
		require.NoError(t, err)
		require.NotNil(t, out.JSON200)
		var m map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(got().body, &m), "request body: %s", got().body)
		return m
	}

	t.Run("set", func(t *testing.T) {
		in := input()
		subject := 7
		in.SubjectId = &subject
		m := sent(t, in)
		require.Contains(t, m, "SubjectId")
		assert.JSONEq(t, `7`, string(m["SubjectId"]), "an integer, as cds-gic-sdk-go sends it")
	})
	t.Run("unset", func(t *testing.T) {
		m := sent(t, input())
		assert.NotContains(t, m, "SubjectId", "an unset optional value is never sent")
		assert.Contains(t, m, "PaasGoodsId")
	})
}

// CDS-MC-002: the examples send "11211", the table an int; both decode, in
// the list and in the detail.
func TestIssue11MemcachedPortEitherForm(t *testing.T) {
	for _, port := range []string{`"11211"`, `11211`} {
		t.Run(port, func(t *testing.T) {
			base, _ := server(t, `{"Code":"Success","Message":"ok","Data":{"Total":1,"RunningTotal":1,"InstanceList":[{"InstanceId":"m-1","Port":`+port+`,"Status":"running"}]}}`)
			c, err := capitalonline.NewMemcached(config(base))
			require.NoError(t, err)
			out, err := c.MemcachedInstanceListWithResponse(context.Background(), memcached.MemcachedInstanceListInput{})
			require.NoError(t, err)
			require.NotNil(t, out.JSON200)
			in := (*out.JSON200.Data.InstanceList)[0]
			require.NotNil(t, in.Port)
			assert.Equal(t, flex.String("11211"), *in.Port)
			assert.Equal(t, "m-1", *in.InstanceId)

			base, _ = server(t, `{"Code":"Success","Message":"ok","Data":{"InstanceId":"m-1","Port":`+port+`,"Coon":10000,"GoodsId":"17129"}}`)
			c, err = capitalonline.NewMemcached(config(base))
			require.NoError(t, err)
			d, err := c.DescribeMemcachedInstanceWithResponse(context.Background(), memcached.DescribeMemcachedInstanceInput{InstanceId: "m-1"})
			require.NoError(t, err)
			require.NotNil(t, d.JSON200)
			require.NotNil(t, d.JSON200.Data.Port)
			assert.Equal(t, flex.String("11211"), *d.JSON200.Data.Port)
			assert.Equal(t, 10000, *d.JSON200.Data.Coon)
		})
	}
}
