package ucloud_test

// Issue 11 ("Wire truth"), UCloud: DescribeURedisBackup as the vendor's page
// has it now (UCloudDoc-Team/api umem-api/describe_uredis_backup.md: at
// 2988a10f GroupId required and SlaveZone new; at d0ed5151 RegionType,
// BackupId and the backup fields SrcRegionName, DstRegionName, MemorySize,
// RedisVersion), through the real client (NewURedis) against a
// signature-checking server on 127.0.0.1.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/flex"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
	"github.com/cachesdk/cachesdk/verifier"
)

// Made-up key pair that exists only on 127.0.0.1.
var issue11Creds = ucloud.Credentials{PublicKey: "PKISSUE11", PrivateKey: secret.New("PRIVISSUE11")}

// server answers with body after checking the UCloud signature, and returns
// the query it received.
func server(t *testing.T, body string) (string, func() url.Values) {
	t.Helper()
	v := verifier.UCloud{PrivateKey: func(pk string) (string, bool) { return issue11Creds.PrivateKey.Reveal(), pk == issue11Creds.PublicKey }}
	var mu sync.Mutex
	var q url.Values
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err == nil {
			err = v.Verify(r, b)
		}
		if err != nil {
			_, _ = io.WriteString(w, `{"RetCode":171,"Action":"DescribeURedisBackupResponse","Message":"signature verification failed"}`)
			return
		}
		mu.Lock()
		q = r.URL.Query()
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(ts.Close)
	return ts.URL, func() url.Values { mu.Lock(); defer mu.Unlock(); return q }
}

// The page's response example (d0ed5151, also /work/shared/witnesses/ucloud-doc
// from cd570dff) with the four fields its table adds, and a second backup
// with BackupType as seed 004's example sends it (1).
const newerBody = `{"Action":"DescribeURedisBackupResponse","RetCode":0,"TotalCount":2,"DataSet":[
 {"BackupId":"a75XXXa9-d9e1-4d38-9XX1-aecad464XXX5","BackupName":"sgbf_XXXXXX","BackupSize":18,"BackupTime":1529912363,"BackupType":"Manual","GroupId":"uredis-grXXXz","GroupName":"zbredia_XXXXX","State":"Success","Zone":"cn-bj2-04",
  "SrcRegionName":"cn-bj2","DstRegionName":"cn-sh2","MemorySize":4,"RedisVersion":"6.0"},
 {"BackupId":"24149c99-4df6-4b5a-99b4-8ab1ca2d7aaa","BackupType":1,"GroupId":"uredis-grXXXz","State":"Error"}]}`

func TestIssue11DescribeURedisBackupCurrentPage(t *testing.T) {
	base, query := server(t, newerBody)
	c, err := ucloud.NewURedis(ucloud.Config{Endpoint: base, Credentials: issue11Creds, Retry: &retry.Policy{MaxAttempts: 1}})
	require.NoError(t, err)
	slave, regionType, backup := "cn-bj2-05", "source", "a75XXXa9-d9e1-4d38-9XX1-aecad464XXX5"
	out, err := c.DescribeURedisBackupWithResponse(context.Background(), &uredis.DescribeURedisBackupParams{
		Region:     "cn-bj2",
		GroupId:    "uredis-grXXXz",
		SlaveZone:  &slave,
		RegionType: &regionType,
		BackupId:   &backup,
	})
	require.NoError(t, err)

	q := query()
	assert.Equal(t, []string{"uredis-grXXXz"}, q["GroupId"], "GroupId, required since the page at 2988a10f")
	assert.Equal(t, []string{slave}, q["SlaveZone"])
	assert.Equal(t, []string{regionType}, q["RegionType"])
	assert.Equal(t, []string{backup}, q["BackupId"])
	assert.Equal(t, []string{"cn-bj2"}, q["Region"])

	require.NotNil(t, out.JSON200)
	require.NotNil(t, out.JSON200.DataSet)
	set := *out.JSON200.DataSet
	require.Len(t, set, 2)
	b := set[0]
	require.NotNil(t, b.SrcRegionName)
	assert.Equal(t, "cn-bj2", *b.SrcRegionName)
	require.NotNil(t, b.DstRegionName)
	assert.Equal(t, "cn-sh2", *b.DstRegionName)
	require.NotNil(t, b.MemorySize)
	assert.Equal(t, 4, *b.MemorySize)
	require.NotNil(t, b.RedisVersion)
	assert.Equal(t, "6.0", *b.RedisVersion)
	assert.Equal(t, "cn-bj2-04", *b.Zone)
	assert.Equal(t, int64(18), *b.BackupSize)
	// UC-UREDIS-001: the page and the SDK send a string, seed 004 a number.
	assert.Equal(t, flex.String("Manual"), *b.BackupType)
	assert.Equal(t, flex.String("1"), *set[1].BackupType)
	assert.Equal(t, 2, *out.JSON200.TotalCount)
}

// The optional parameters of the newer page are not sent when unset.
func TestIssue11DescribeURedisBackupUnsetOptional(t *testing.T) {
	base, query := server(t, `{"Action":"DescribeURedisBackupResponse","RetCode":0,"TotalCount":0,"DataSet":[]}`)
	c, err := ucloud.NewURedis(ucloud.Config{Endpoint: base, Credentials: issue11Creds, Retry: &retry.Policy{MaxAttempts: 1}})
	require.NoError(t, err)
	out, err := c.DescribeURedisBackupWithResponse(context.Background(), &uredis.DescribeURedisBackupParams{Region: "cn-bj2", GroupId: "uredis-2cwmyb"})
	require.NoError(t, err)
	require.NotNil(t, out.JSON200)
	q := query()
	assert.Equal(t, "uredis-2cwmyb", q.Get("GroupId"))
	for _, name := range []string{"SlaveZone", "RegionType", "BackupId"} {
		assert.NotContains(t, q, name)
	}
}
