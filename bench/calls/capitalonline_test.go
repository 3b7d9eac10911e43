package calls

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	cdscommon "github.com/capitalonline/cds-gic-sdk-go/common"
	cdsprofile "github.com/capitalonline/cds-gic-sdk-go/common/profile"
	cdsredis "github.com/capitalonline/cds-gic-sdk-go/redis"

	"github.com/cachesdk/cachesdk/bench/fixture"
	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/secret"
)

// Local-only credentials: they never leave 127.0.0.1.
const (
	cdsAK = "bench-local-access-key"
	cdsSK = "bench-local-secret-key"
)

// plainHTTP lets the CapitalOnline SDK, which always builds https:// URLs,
// reach the plain-HTTP local server: it switches the scheme in place (the
// SDK makes a new request for every call) and sends on the default transport,
// as the SDK itself would. No allocation, so the peer is not charged for it.
type plainHTTP struct{}

func (plainHTTP) RoundTrip(r *http.Request) (*http.Response, error) {
	r.URL.Scheme = "http"
	return http.DefaultTransport.RoundTrip(r)
}

func capitalOnlineCases(tb testing.TB, srvURL string, b *fixture.Bodies) []callCase {
	ours, err := capitalonline.NewRedis(capitalonline.Config{Endpoint: srvURL, Credentials: capitalonline.Credentials{AccessKeyID: cdsAK, SecretKey: secret.New(cdsSK)}, HTTPClient: oursHTTPClient})
	if err != nil {
		tb.Fatal(err)
	}
	u, err := url.Parse(srvURL)
	if err != nil {
		tb.Fatal(err)
	}
	// The SDK takes one HTTP method per client: GET for Describe, POST for Create.
	peerWith := func(method string) *cdsredis.Client {
		p := cdsprofile.NewClientProfile()
		p.HttpProfile.Endpoint = u.Host
		p.HttpProfile.ReqMethod = method
		c, err := cdsredis.NewClient(cdscommon.NewCredential(cdsAK, cdsSK), "", p)
		if err != nil {
			tb.Fatal(err)
		}
		if u.Scheme == "http" {
			c.WithHttpTransport(plainHTTP{})
		}
		return c
	}
	peerGet, peerPost := peerWith(http.MethodGet), peerWith(http.MethodPost)

	// DescribeDBInstances filtered by the documented IP prefix.
	const ip = "66.66"
	list := b.Response[fixture.CapitalOnlineDescribeDBInstances]
	type dbFacts struct {
		Region, Status, Version string
		Port, Ram               int64
	}
	wantList := dbFacts{str(tb, list, "Data.0.RegionId"), str(tb, list, "Data.0.Status"), str(tb, list, "Data.0.Version"), num(tb, list, "Data.0.Port"), num(tb, list, "Data.0.Ram")}
	oursFacts := func(o redis.DescribeDBInstancesOutput) dbFacts {
		d := deref(o.Data)
		if len(d) == 0 {
			return dbFacts{}
		}
		return dbFacts{deref(d[0].RegionId), string(deref(d[0].Status)), deref(d[0].Version), int64(deref(d[0].Port)), int64(deref(d[0].Ram))}
	}
	describe := callCase{
		call: fixture.CapitalOnlineDescribeDBInstances,
		ours: func(ctx context.Context) error {
			r, err := ours.DescribeDBInstancesWithResponse(ctx, &redis.DescribeDBInstancesParams{IP: ptr(ip)})
			if err != nil {
				return err
			}
			return mismatch(oursFacts(deref(r.JSON200)), wantList)
		},
		peer: func(context.Context) error {
			req := cdsredis.NewDescribeDBInstancesRequest()
			req.IP = ptr(ip)
			r, err := peerGet.DescribeDBInstances(req)
			if err != nil {
				return err
			}
			got := dbFacts{}
			if len(r.Data) > 0 {
				d := r.Data[0]
				got = dbFacts{deref(d.RegionId), deref(d.Status), deref(d.Version), int64(deref(d.Port)), int64(deref(d.Ram))}
			}
			return mismatch(got, wantList)
		},
		floor: func(ctx context.Context) error {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, srvURL+"/redis?Action=DescribeDBInstances&IP="+ip, nil)
			if err != nil {
				return err
			}
			var o redis.DescribeDBInstancesOutput
			if err := floorDo(req, &o); err != nil {
				return err
			}
			if o.Code != "Success" {
				return mismatch(o.Code, "Success")
			}
			return mismatch(oursFacts(o), wantList)
		},
	}

	// CreateDBInstance with the documented body.
	created := b.Response[fixture.CapitalOnlineCreateDBInstance]
	type createdFacts struct{ UUID, Task string }
	wantCreated := createdFacts{str(tb, created, "Data.InstancesUuid.0"), str(tb, created, "TaskId")}
	reqBody := b.Request[fixture.CapitalOnlineCreateDBInstance]
	var oursBody redis.CreateDBInstanceJSONRequestBody
	if err := json.Unmarshal(reqBody, &oursBody); err != nil {
		tb.Fatalf("documented CreateDBInstance request: %v", err)
	}
	first := func(ids []string, task string) createdFacts {
		if len(ids) == 0 {
			return createdFacts{}
		}
		return createdFacts{ids[0], task}
	}
	create := callCase{
		call: fixture.CapitalOnlineCreateDBInstance,
		ours: func(ctx context.Context) error {
			r, err := ours.CreateDBInstanceWithResponse(ctx, oursBody)
			if err != nil {
				return err
			}
			o := deref(r.JSON200)
			return mismatch(first(deref(deref(o.Data).InstancesUuid), deref(o.TaskId)), wantCreated)
		},
		peer: func(context.Context) error {
			// The SDK's request type has no ServicePort; it sends the rest.
			req := cdsredis.NewCreateDBInstanceRequest()
			if err := req.FromJsonString(string(reqBody)); err != nil {
				return err
			}
			r, err := peerPost.CreateDBInstance(req)
			if err != nil {
				return err
			}
			return mismatch(first(deref(r.Data).InstancesUuid, deref(r.TaskId)), wantCreated)
		},
		floor: func(ctx context.Context) error {
			data, err := json.Marshal(oursBody)
			if err != nil {
				return err
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, srvURL+"/redis?Action=CreateDBInstance", bytes.NewReader(data))
			if err != nil {
				return err
			}
			req.Header.Set("Content-Type", "application/json")
			var o redis.CreateDBInstanceOutput
			if err := floorDo(req, &o); err != nil {
				return err
			}
			if o.Code != "Success" {
				return mismatch(o.Code, "Success")
			}
			return mismatch(first(deref(deref(o.Data).InstancesUuid), deref(o.TaskId)), wantCreated)
		},
	}
	return []callCase{describe, create}
}
