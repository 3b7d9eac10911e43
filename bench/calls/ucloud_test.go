package calls

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ucloud/ucloud-sdk-go/services/umem"
	uc "github.com/ucloud/ucloud-sdk-go/ucloud"
	ucauth "github.com/ucloud/ucloud-sdk-go/ucloud/auth"

	"github.com/cachesdk/cachesdk/bench/fixture"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
)

// Local-only credentials: they never leave 127.0.0.1.
const (
	ucPublic  = "bench-local-public-key"
	ucPrivate = "bench-local-private-key"
)

// The documented request: Region cn-east-01, Offset 0, Limit 20. The peer
// requires GroupId, so every implementation sends the documented group.
const (
	ucRegion = "cn-east-01"
	ucGroup  = "uredis-2cwmyb"
)

type backupFacts struct {
	Total             int64
	LastID, LastState string
	LastSize          int64
}

func ucloudCases(tb testing.TB, url string, b *fixture.Bodies) []callCase {
	ours, err := ucloud.NewURedis(ucloud.Config{Endpoint: url, Credentials: ucloud.Credentials{PublicKey: ucPublic, PrivateKey: secret.New(ucPrivate)}, HTTPClient: oursHTTPClient})
	if err != nil {
		tb.Fatal(err)
	}
	cfg := uc.NewConfig()
	cfg.BaseUrl = url
	cred := ucauth.NewCredential()
	cred.PublicKey, cred.PrivateKey = ucPublic, ucPrivate
	peer := umem.NewClient(&cfg, &cred)

	body := b.Response[fixture.UCloudDescribeURedisBackup]
	want := backupFacts{num(tb, body, "TotalCount"), str(tb, body, "DataSet.1.BackupId"), str(tb, body, "DataSet.1.State"), num(tb, body, "DataSet.1.BackupSize")}
	params := &uredis.DescribeURedisBackupParams{Region: ucRegion, Offset: ptr(0), Limit: ptr(20), GroupId: ucGroup}
	floorURL := url + "/?Action=DescribeURedisBackup&GroupId=" + ucGroup + "&Limit=20&Offset=0&Region=" + ucRegion

	facts := func(o uredis.DescribeURedisBackupOutput) backupFacts {
		set := deref(o.DataSet)
		if len(set) < 2 {
			return backupFacts{}
		}
		return backupFacts{int64(deref(o.TotalCount)), deref(set[1].BackupId), string(deref(set[1].State)), deref(set[1].BackupSize)}
	}
	return []callCase{{
		call: fixture.UCloudDescribeURedisBackup,
		ours: func(ctx context.Context) error {
			r, err := ours.DescribeURedisBackupWithResponse(ctx, params)
			if err != nil {
				return err
			}
			return mismatch(facts(deref(r.JSON200)), want)
		},
		peer: func(context.Context) error {
			req := peer.NewDescribeURedisBackupRequest()
			req.Region = uc.String(ucRegion)
			req.Offset = uc.Int(0)
			req.Limit = uc.Int(20)
			req.GroupId = uc.String(ucGroup)
			r, err := peer.DescribeURedisBackup(req)
			if err != nil {
				return err
			}
			got := backupFacts{}
			if len(r.DataSet) >= 2 {
				s := r.DataSet[1]
				got = backupFacts{int64(r.TotalCount), s.BackupId, s.State, int64(s.BackupSize)}
			}
			return mismatch(got, want)
		},
		floor: func(ctx context.Context) error {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, floorURL, nil)
			if err != nil {
				return err
			}
			var o uredis.DescribeURedisBackupOutput
			if err := floorDo(req, &o); err != nil {
				return err
			}
			if o.RetCode != 0 {
				return mismatch(o.RetCode, 0)
			}
			return mismatch(facts(o), want)
		},
	}}
}

// TestUCloudSDKRejectsDocumentedExample pins why the fixture adjusts the
// URedis body: on the documented bytes (BackupType 1) the UCloud SDK fails
// while ours decodes them.
func TestUCloudSDKRejectsDocumentedExample(t *testing.T) {
	call := fixture.UCloudDescribeURedisBackup
	documented, ok := bodies.Documented[call]
	require.True(t, ok, "the fixture keeps the documented bytes")
	served := &fixture.Bodies{Response: map[fixture.Call][]byte{}, Request: bodies.Request}
	for c, body := range bodies.Response {
		served.Response[c] = body
	}
	served.Response[call] = documented
	srv := fixture.NewServer(served)
	defer srv.Close()
	c := ucloudCases(t, srv.URL, served)[0]
	require.NoError(t, c.ours(context.Background()))
	err := c.peer(context.Background())
	require.Error(t, err)
	require.Contains(t, err.Error(), "BackupType")
}
