package sign

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	_ "unsafe" // go:linkname, for the CapitalOnline SDK's unexported signer

	"github.com/stretchr/testify/require"

	cdscommon "github.com/capitalonline/cds-gic-sdk-go/common"
	cdshttp "github.com/capitalonline/cds-gic-sdk-go/common/http"
	cdsredis "github.com/capitalonline/cds-gic-sdk-go/redis"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	hwconfig "github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	hwrequest "github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	ucauth "github.com/ucloud/ucloud-sdk-go/ucloud/auth"

	"github.com/cachesdk/cachesdk/secret"
	cdssigner "github.com/cachesdk/cachesdk/signer/capitalonline"
	hwsigner "github.com/cachesdk/cachesdk/signer/huaweicloud"
	ucsigner "github.com/cachesdk/cachesdk/signer/ucloud"
	"github.com/cachesdk/cachesdk/verifier"
)

// cdsSignRequest is the CapitalOnline SDK's own signing function; it is not
// exported, and its exported pieces alone would leave out its canonical
// form, so the benchmark links to it directly.
//
//go:linkname cdsSignRequest github.com/capitalonline/cds-gic-sdk-go/common.signRequest
func cdsSignRequest(request cdshttp.Request, credential *cdscommon.Credential, method string) error

// Local-only credentials.
const (
	ak, sk    = "BENCHLOCALAK0000000", "bench-local-sk"
	hwProject = "0123456789abcdef0123456789abcdef"
	hwHost    = "https://dcs.cn-north-4.myhuaweicloud.com"
	cdsHost   = "cdsapi.capitalonline.net"
	ucHost    = "https://api.ucloud.cn"
	ucQuery   = "Action=DescribeURedisBackup&GroupId=uredis-2cwmyb&Limit=20&Offset=0&Region=cn-east-01"
)

// signer is one side of a comparison: sign does the signing step alone and
// reports whether a signature was attached (the per-iteration check); wire
// turns the last signed request into the net/http request that would be
// sent, for verification, outside the timing (building a request is the
// generated client's work on our side, the SDK's request type on theirs).
type signer struct {
	name string
	sign func() (bool, error)
	wire func() (*http.Request, error)
}

// vendors lists, per vendor, ours then peer.
func vendors(tb testing.TB) map[string][2]signer {
	return map[string][2]signer{
		"Huawei":        {huaweiOurs(tb), huaweiPeer(tb)},
		"UCloud":        {ucloudOurs(tb), ucloudPeer()},
		"CapitalOnline": {capitalOnlineOurs(tb), capitalOnlinePeer()},
	}
}

// Huawei: GET ListInstances?offset=0&limit=10, AK/SK with the project id.
func huaweiOurs(tb testing.TB) signer {
	s, err := hwsigner.NewAKSK(hwsigner.Credentials{AccessKey: ak, SecretKey: secret.New(sk), ProjectID: hwProject})
	require.NoError(tb, err)
	req, err := http.NewRequest(http.MethodGet, hwHost+"/v2/"+hwProject+"/instances?offset=0&limit=10", nil)
	require.NoError(tb, err)
	return signer{"ours",
		func() (bool, error) { err := s.Sign(req); return req.Header.Get("Authorization") != "", err },
		func() (*http.Request, error) { return req, nil }}
}

func huaweiPeer(tb testing.TB) signer {
	cred, err := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithProjectId(hwProject).SafeBuild()
	require.NoError(tb, err)
	// The request as the SDK's generated ListInstances builds it.
	req := hwrequest.NewHttpRequestBuilder().
		WithEndpoint(hwHost).
		WithPath("/v2/{project_id}/instances").
		WithMethod(http.MethodGet).
		WithSigningAlgorithm(hwconfig.DefaultHttpConfig().SigningAlgorithm).
		AddQueryParam("offset", reflect.ValueOf(int32(0))).
		AddQueryParam("limit", reflect.ValueOf(int32(10))).
		Build()
	return signer{"peer",
		func() (bool, error) {
			// The SDK client's signing step: project id, Host, X-Sdk-Date,
			// Authorization.
			signed, err := cred.ProcessAuthRequest(nil, req)
			if err != nil {
				return false, err
			}
			return signed.GetHeaderParams()["Authorization"] != "", nil
		},
		req.ConvertRequest}
}

// UCloud: GET DescribeURedisBackup with the documented parameters.
func ucloudOurs(tb testing.TB) signer {
	s, err := ucsigner.New(ucsigner.Credentials{PublicKey: ak, PrivateKey: secret.New(sk)})
	require.NoError(tb, err)
	req, err := http.NewRequest(http.MethodGet, ucHost+"/?"+ucQuery, nil)
	require.NoError(tb, err)
	return signer{"ours",
		func() (bool, error) {
			req.URL.RawQuery = ucQuery // the query as the client builds it
			err := s.Sign(req)
			return strings.Contains(req.URL.RawQuery, "&Signature="), err
		},
		func() (*http.Request, error) { return req, nil }}
}

func ucloudPeer() signer {
	cred := ucauth.NewCredential()
	cred.PublicKey, cred.PrivateKey = ak, sk
	params := map[string]string{}
	for _, kv := range strings.Split(ucQuery, "&") {
		k, v, _ := strings.Cut(kv, "=")
		params[k] = v
	}
	var query string
	return signer{"peer",
		func() (bool, error) {
			query = cred.BuildCredentialedQuery(params)
			return strings.Contains(query, "Signature="), nil
		},
		func() (*http.Request, error) { return http.NewRequest(http.MethodGet, ucHost+"/?"+query, nil) }}
}

// CapitalOnline: GET DescribeDBInstances?IP=66.66 (the documented filter).
func capitalOnlineOurs(tb testing.TB) signer {
	s, err := cdssigner.New(cdssigner.Credentials{AccessKeyID: ak, SecretKey: secret.New(sk)})
	require.NoError(tb, err)
	const raw = "Action=DescribeDBInstances&IP=66.66"
	req, err := http.NewRequest(http.MethodGet, "https://"+cdsHost+"/redis?"+raw, nil)
	require.NoError(tb, err)
	return signer{"ours",
		func() (bool, error) {
			req.URL.RawQuery = raw
			err := s.Sign(req)
			return strings.Contains(req.URL.RawQuery, "&Signature="), err
		},
		func() (*http.Request, error) { return req, nil }}
}

func capitalOnlinePeer() signer {
	cred := cdscommon.NewCredential(ak, sk)
	req := cdsredis.NewDescribeDBInstancesRequest()
	ip := "66.66"
	req.IP = &ip
	req.SetHttpMethod(http.MethodGet)
	req.SetDomain(cdsHost)
	var query string
	return signer{"peer",
		func() (bool, error) {
			// The SDK's GET path (common.Client.sendWithSignatureCds) up to
			// the query it sends.
			cdshttp.CompleteCdsParams(cred.SecretId, req)
			if err := cdshttp.ConstructParams(req); err != nil {
				return false, err
			}
			if err := cdsSignRequest(req, cred, cdscommon.SHA1); err != nil {
				return false, err
			}
			query = cdshttp.GetUrlQueriesEncoded(req.GetParams())
			return strings.Contains(query, "Signature="), nil
		},
		func() (*http.Request, error) {
			return http.NewRequest(http.MethodGet, "https://"+req.GetDomain()+req.GetPath()+"?"+query, nil)
		}}
}

// verifiers check each vendor's signature independently of signer/.
var verifiers = map[string]interface {
	Verify(*http.Request, []byte) error
}{
	"Huawei":        verifier.HuaweiCloud{Secret: secretOf, ProjectID: hwProject},
	"UCloud":        verifier.UCloud{PrivateKey: secretOf},
	"CapitalOnline": verifier.CapitalOnline{Secret: secretOf},
}

func secretOf(key string) (string, bool) { return sk, key == ak }

// TestSignaturesVerify shows both sides of every comparison produce a
// signature the vendor's server would accept: the same work, done right.
func TestSignaturesVerify(t *testing.T) {
	for vendor, pair := range vendors(t) {
		for _, s := range pair {
			t.Run(vendor+"/"+s.name, func(t *testing.T) {
				ok, err := s.sign()
				require.NoError(t, err)
				require.True(t, ok, "a signature is attached")
				r, err := s.wire()
				require.NoError(t, err)
				require.NoError(t, verifiers[vendor].Verify(r, nil))
				// and a changed request fails, so the check can fail
				r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "0", "1", 1)
				require.Error(t, verifiers[vendor].Verify(r, nil))
			})
		}
	}
}

var errUnsigned = errors.New("no signature attached")

// BenchmarkSign: Sign/<Vendor>/<ours|peer>.
func BenchmarkSign(b *testing.B) {
	for _, vendor := range []string{"Huawei", "UCloud", "CapitalOnline"} {
		for _, s := range vendors(b)[vendor] {
			b.Run(vendor+"/"+s.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					ok, err := s.sign()
					if err == nil && !ok {
						err = errUnsigned
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
