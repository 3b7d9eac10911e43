package calls

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	hwconfig "github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	hwdcs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dcs/v2"
	hwmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dcs/v2/model"

	"github.com/cachesdk/cachesdk/bench/fixture"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/secret"
)

// Local-only credentials: they never leave 127.0.0.1.
const (
	hwAK      = "BENCHLOCALAK0000000"
	hwSK      = "bench-local-sk"
	hwProject = "0123456789abcdef0123456789abcdef"
)

// instFacts are the fields every Huawei instance check compares.
type instFacts struct {
	ID, Name, Status string
	Port, MaxMemory  int64
}

// listFacts are the count and the last instance of a list.
type listFacts struct {
	Num  int64
	Last instFacts
}

func huaweiCases(tb testing.TB, url string, b *fixture.Bodies) []callCase {
	ours, err := huaweicloud.NewDCSV2(huaweicloud.Config{
		Endpoint:    url,
		Credentials: huaweicloud.Credentials{AccessKey: hwAK, SecretKey: secret.New(hwSK)},
		ProjectID:   hwProject,
		HTTPClient:  oursHTTPClient,
	})
	if err != nil {
		tb.Fatal(err)
	}
	hc, err := hwdcs.DcsClientBuilder().
		WithEndpoints([]string{url}).
		WithCredential(basic.NewCredentialsBuilder().WithAk(hwAK).WithSk(hwSK).WithProjectId(hwProject).Build()).
		WithHttpConfig(hwconfig.DefaultHttpConfig()).
		SafeBuild()
	if err != nil {
		tb.Fatal(err)
	}
	peer := hwdcs.NewDcsClient(hc)
	base := url + "/v2/" + hwProject + "/instances"

	// ListInstances ?offset=0&limit=10, the documented request's paging.
	list := b.Response[fixture.HuaweiListInstances]
	last := fixture.ListInstancesCopies - 1
	wantList := listFacts{num(tb, list, "instance_num"), instFacts{
		ID:        str(tb, list, "instances.9.instance_id"),
		Name:      str(tb, list, "instances.9.name"),
		Status:    str(tb, list, "instances.9.status"),
		Port:      num(tb, list, "instances.9.port"),
		MaxMemory: num(tb, list, "instances.9.max_memory"),
	}}
	// ours and the floor decode into the same type.
	oursList := func(out dcsv2.ListInstancesOutput) error {
		insts := deref(out.Instances)
		if len(insts) <= last {
			return mismatch(len(insts), last+1)
		}
		i := insts[last]
		return mismatch(listFacts{int64(deref(out.InstanceNum)), instFacts{deref(i.InstanceId), deref(i.Name), string(deref(i.Status)), int64(deref(i.Port)), int64(deref(i.MaxMemory))}}, wantList)
	}
	listCase := callCase{
		call: fixture.HuaweiListInstances,
		ours: func(ctx context.Context) error {
			r, err := ours.ListInstances(ctx, &dcsv2.ListInstancesParams{Offset: ptr[int32](0), Limit: ptr[int32](10)})
			if err != nil {
				return err
			}
			return oursList(deref(r.JSON200))
		},
		peer: func(context.Context) error {
			r, err := peer.ListInstances(&hwmodel.ListInstancesRequest{Offset: ptr[int32](0), Limit: ptr[int32](10)})
			if err != nil {
				return err
			}
			insts := deref(r.Instances)
			if len(insts) <= last {
				return mismatch(len(insts), last+1)
			}
			i := insts[last]
			return mismatch(listFacts{int64(deref(r.InstanceNum)), instFacts{deref(i.InstanceId), deref(i.Name), deref(i.Status), int64(deref(i.Port)), int64(deref(i.MaxMemory))}}, wantList)
		},
		floor: func(ctx context.Context) error {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"?offset=0&limit=10", nil)
			if err != nil {
				return err
			}
			var out dcsv2.ListInstancesOutput
			if err := floorDo(req, &out); err != nil {
				return err
			}
			return oursList(out)
		},
	}

	// ShowInstance of the documented instance id.
	show := b.Response[fixture.HuaweiShowInstance]
	id := str(tb, show, "instance_id")
	wantShow := instFacts{
		ID: id, Name: str(tb, show, "name"), Status: str(tb, show, "status"),
		Port: num(tb, show, "port"), MaxMemory: num(tb, show, "max_memory"),
	}
	// ours and the floor decode into the same type.
	oursShow := func(o dcsv2.ShowInstanceOutput) error {
		return mismatch(instFacts{deref(o.InstanceId), deref(o.Name), string(deref(o.Status)), int64(deref(o.Port)), int64(deref(o.MaxMemory))}, wantShow)
	}
	showCase := callCase{
		call: fixture.HuaweiShowInstance,
		ours: func(ctx context.Context) error {
			r, err := ours.ShowInstance(ctx, id)
			if err != nil {
				return err
			}
			return oursShow(deref(r.JSON200))
		},
		peer: func(context.Context) error {
			o, err := peer.ShowInstance(&hwmodel.ShowInstanceRequest{InstanceId: id})
			if err != nil {
				return err
			}
			return mismatch(instFacts{deref(o.InstanceId), deref(o.Name), deref(o.Status), int64(deref(o.Port)), int64(deref(o.MaxMemory))}, wantShow)
		},
		floor: func(ctx context.Context) error {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/"+id, nil)
			if err != nil {
				return err
			}
			var o dcsv2.ShowInstanceOutput
			if err := floorDo(req, &o); err != nil {
				return err
			}
			return oursShow(o)
		},
	}

	// CreateInstance with the documented request body.
	created := b.Response[fixture.HuaweiCreateInstance]
	type createdFacts struct{ ID, Name string }
	wantCreated := createdFacts{str(tb, created, "instances.0.instance_id"), str(tb, created, "instances.0.instance_name")}
	var oursBody dcsv2.CreateInstanceJSONRequestBody
	var peerBody hwmodel.CreateInstanceBody
	for _, v := range []any{&oursBody, &peerBody} {
		if err := json.Unmarshal(b.Request[fixture.HuaweiCreateInstance], v); err != nil {
			tb.Fatalf("documented CreateInstance request: %v", err)
		}
	}
	firstCreated := func(insts []dcsv2.Instances) createdFacts {
		if len(insts) == 0 {
			return createdFacts{}
		}
		return createdFacts{deref(insts[0].InstanceId), deref(insts[0].InstanceName)}
	}
	createCase := callCase{
		call: fixture.HuaweiCreateInstance,
		ours: func(ctx context.Context) error {
			r, err := ours.CreateInstance(ctx, oursBody)
			if err != nil {
				return err
			}
			return mismatch(firstCreated(deref(deref(r.JSON200).Instances)), wantCreated)
		},
		peer: func(context.Context) error {
			r, err := peer.CreateInstance(&hwmodel.CreateInstanceRequest{Body: &peerBody})
			if err != nil {
				return err
			}
			got := createdFacts{}
			if insts := deref(r.Instances); len(insts) > 0 {
				got = createdFacts{deref(insts[0].InstanceId), deref(insts[0].InstanceName)}
			}
			return mismatch(got, wantCreated)
		},
		floor: func(ctx context.Context) error {
			data, err := json.Marshal(oursBody)
			if err != nil {
				return err
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, base, bytes.NewReader(data))
			if err != nil {
				return err
			}
			req.Header.Set("Content-Type", "application/json")
			var o dcsv2.CreateInstanceOutput
			if err := floorDo(req, &o); err != nil {
				return err
			}
			return mismatch(firstCreated(deref(o.Instances)), wantCreated)
		},
	}
	return []callCase{listCase, showCase, createCase}
}
