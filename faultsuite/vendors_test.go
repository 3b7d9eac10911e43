package faultsuite

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/gen/capitalonline/memcached"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/internal/hostile"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
	"github.com/cachesdk/cachesdk/verifier"
)

// marker is in every credential and password of the suite: it must never
// appear in anything an error prints.
const marker = "SECRETMARKER"

var (
	cdsCreds = capitalonline.Credentials{AccessKeyID: "AKSECRETMARKERcds", SecretKey: secret.New("SKSECRETMARKERcds")}
	ucCreds  = ucloud.Credentials{PublicKey: "PKSECRETMARKERuc", PrivateKey: secret.New("PRIVSECRETMARKERuc"), SecurityToken: secret.New("STSECRETMARKERuc")}
	hwCreds  = huaweicloud.Credentials{AccessKey: "AKSECRETMARKERhw", SecretKey: secret.New("SKSECRETMARKERhw"), ProjectID: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", SecurityToken: secret.New("STSECRETMARKERhw")}
	hwToken  = "TOKENSECRETMARKERhw"
	password = "PWSECRETMARKER"
)

// options are what a case varies in a client's Config.
type options struct {
	retry      *retry.Policy
	httpClient doer.Doer
}

// call is one operation of a client: ok reports a typed result (JSON200).
type call struct {
	name string
	// read: the operation is a read (GET) in every retry policy of the SDK;
	// false: a non-idempotent create (POST).
	read bool
	do   func(ctx context.Context) (ok bool, err error)
	// okBody is a success body of the operation.
	okBody string
}

// vendor wires one client for the suite.
type vendor struct {
	name   string
	build  func(t *testing.T, base string, o options) []call
	verify func(r *http.Request, body []byte) error
	// errBody is a failure body in the vendor's shape.
	errBody string
	// nonce returns what must differ between two signed attempts ("" when
	// the vendor's signature has no nonce and may repeat within a second).
	nonce func(r hostile.Request) string
}

var vendors = []vendor{
	{
		name: "capitalonline-redis",
		build: func(t *testing.T, base string, o options) []call {
			c, err := capitalonline.NewRedis(capitalonline.Config{Endpoint: base, Credentials: cdsCreds, Retry: o.retry, HTTPClient: o.httpClient})
			require.NoError(t, err)
			return []call{
				{name: "DescribeRegins", read: true, okBody: `{"Code":"Success","Message":"ok","Data":[]}`, do: func(ctx context.Context) (bool, error) {
					out, err := c.DescribeReginsWithResponse(ctx)
					return out != nil && out.JSON200 != nil, err
				}},
				{name: "CreateDBInstance", okBody: `{"Code":"Success","Message":"ok","TaskId":"t-1"}`, do: func(ctx context.Context) (bool, error) {
					out, err := c.CreateDBInstanceWithBodyWithResponse(ctx, "application/json",
						strings.NewReader(`{"RegionId":"CN_Beijing_A","InstanceName":"r","Password":"`+password+`"}`))
					return out != nil && out.JSON200 != nil, err
				}},
			}
		},
		verify:  cdsVerifier.Verify,
		errBody: `{"Code":"InternalError","Message":"failed"}`,
		nonce:   queryParam("SignatureNonce"),
	},
	{
		name: "capitalonline-memcached",
		build: func(t *testing.T, base string, o options) []call {
			c, err := capitalonline.NewMemcached(capitalonline.Config{Endpoint: base, Credentials: cdsCreds, Retry: o.retry, HTTPClient: o.httpClient})
			require.NoError(t, err)
			return []call{
				{name: "CreateMemcachedInstance", okBody: `{"Code":"Success","Message":"ok","TaskId":"t-1"}`, do: func(ctx context.Context) (bool, error) {
					out, err := c.CreateMemcachedInstanceWithResponse(ctx, memcached.CreateMemcachedInstanceJSONRequestBody{})
					return out != nil && out.JSON200 != nil, err
				}},
			}
		},
		verify:  cdsVerifier.Verify,
		errBody: `{"Code":"InternalError","Message":"failed"}`,
		nonce:   queryParam("SignatureNonce"),
	},
	{
		name: "ucloud-uredis",
		build: func(t *testing.T, base string, o options) []call {
			c, err := ucloud.NewURedis(ucloud.Config{Endpoint: base, Credentials: ucCreds, Retry: o.retry, HTTPClient: o.httpClient})
			require.NoError(t, err)
			return []call{
				{name: "DescribeURedisBackup", read: true, okBody: `{"RetCode":0,"Action":"DescribeURedisBackupResponse","TotalCount":0,"DataSet":[]}`, do: func(ctx context.Context) (bool, error) {
					out, err := c.DescribeURedisBackupWithResponse(ctx, &uredis.DescribeURedisBackupParams{Region: "cn-bj2"})
					return out != nil && out.JSON200 != nil, err
				}},
			}
		},
		verify: verifier.UCloud{PrivateKey: func(pk string) (string, bool) {
			return ucCreds.PrivateKey.Reveal(), pk == ucCreds.PublicKey
		}}.Verify,
		errBody: `{"RetCode":5000,"Message":"failed"}`,
	},
	huawei("huawei-v2-aksk", false, false),
	huawei("huawei-v2-token", false, true),
	huawei("huawei-v1-aksk", true, false),
}

var cdsVerifier = verifier.CapitalOnline{Secret: func(ak string) (string, bool) {
	return cdsCreds.SecretKey.Reveal(), ak == cdsCreds.AccessKeyID
}}

var hwVerifier = verifier.HuaweiCloud{
	Secret:    func(ak string) (string, bool) { return hwCreds.SecretKey.Reveal(), ak == hwCreds.AccessKey },
	Token:     func(tok string) bool { return tok == hwToken },
	ProjectID: hwCreds.ProjectID,
}

func huawei(name string, v1, token bool) vendor {
	return vendor{
		name: name,
		build: func(t *testing.T, base string, o options) []call {
			cfg := huaweicloud.Config{Endpoint: base, Credentials: hwCreds, Retry: o.retry, HTTPClient: o.httpClient}
			if token {
				cfg = huaweicloud.Config{Endpoint: base, Token: secret.New(hwToken), ProjectID: hwCreds.ProjectID, Retry: o.retry, HTTPClient: o.httpClient}
			}
			body := `{"name":"r","engine":"Redis","password":"` + password + `"}`
			if v1 {
				c, err := huaweicloud.NewDCSV1(cfg)
				require.NoError(t, err)
				return []call{
					{name: "ListInstances", read: true, okBody: `{"instance_num":0,"instances":[]}`, do: func(ctx context.Context) (bool, error) {
						out, err := c.ListInstances(ctx, nil)
						return out != nil && out.JSON200 != nil, err
					}},
					{name: "CreateInstance", okBody: `{"instance_id":"i-1"}`, do: func(ctx context.Context) (bool, error) {
						out, err := c.CreateInstanceWithBody(ctx, "application/json", strings.NewReader(body))
						return out != nil && out.JSON200 != nil, err
					}},
				}
			}
			c, err := huaweicloud.NewDCSV2(cfg)
			require.NoError(t, err)
			return []call{
				{name: "ListInstances", read: true, okBody: `{"instance_num":0,"instances":[]}`, do: func(ctx context.Context) (bool, error) {
					out, err := c.ListInstances(ctx, nil)
					return out != nil && out.JSON200 != nil, err
				}},
				{name: "CreateInstance", okBody: `{"instances":[{"instance_id":"i-1","instance_name":"r"}],"order_id":"o-1"}`, do: func(ctx context.Context) (bool, error) {
					out, err := c.CreateInstanceWithBody(ctx, "application/json", strings.NewReader(body))
					return out != nil && out.JSON200 != nil, err
				}},
			}
		},
		verify:  hwVerifier.Verify,
		errBody: `{"error_code":"DCS.5000","error_msg":"failed"}`,
	}
}

func queryParam(name string) func(r hostile.Request) string {
	return func(r hostile.Request) string {
		u, err := url.Parse(r.URI)
		if err != nil {
			return ""
		}
		return u.Query().Get(name)
	}
}

// sleeps records the retry layer's waits and returns at once (no test
// sleeps).
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// policy is the default retry policy with the waits recorded.
func policy() (*retry.Policy, *sleeps) {
	s := &sleeps{}
	return &retry.Policy{Sleep: s.sleep}, s
}

// each runs f for every call of every vendor, each on a fresh hostile
// server whose requests are verified, with the default retry policy (waits
// recorded in rec, never slept) and the client's HTTPClient from httpClient
// (nil: the SDK's default).
func each(t *testing.T, httpClient func() doer.Doer, f func(t *testing.T, v vendor, c call, srv *hostile.Server, rec *sleeps)) {
	for _, v := range vendors {
		probe := hostile.New(t, nil)
		for i, c := range v.build(t, probe.URL, options{}) {
			t.Run(v.name+"/"+c.name, func(t *testing.T) {
				srv := hostile.New(t, nil)
				srv.Verify(v.verify)
				p, rec := policy()
				o := options{retry: p}
				if httpClient != nil {
					o.httpClient = httpClient()
				}
				f(t, v, v.build(t, srv.URL, o)[i], srv, rec)
			})
		}
	}
}

// requireClean asserts that nothing err prints carries a credential marker,
// a password or a signature the server saw.
func requireClean(t *testing.T, err error, seen []hostile.Request) {
	t.Helper()
	if err == nil {
		return
	}
	j, _ := json.Marshal(err)
	forms := []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), string(j)}
	secrets := []string{marker}
	for _, r := range seen {
		if u, perr := url.Parse(r.URI); perr == nil {
			if s := u.Query().Get("Signature"); s != "" {
				secrets = append(secrets, s, url.QueryEscape(s))
			}
		}
		if a := r.Header.Get("Authorization"); a != "" {
			if _, sig, ok := strings.Cut(a, "Signature="); ok {
				secrets = append(secrets, sig)
			}
		}
	}
	for _, f := range forms {
		for _, s := range secrets {
			require.NotContains(t, f, s, "an error form leaks a secret")
		}
	}
}

// requireSigned asserts that every request the server received carried a
// valid signature.
func requireSigned(t *testing.T, reqs []hostile.Request) {
	t.Helper()
	for i, r := range reqs {
		require.NoError(t, r.VerifyErr, "attempt %d is not validly signed", i+1)
	}
}
