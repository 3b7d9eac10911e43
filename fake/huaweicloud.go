package fake

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/verifier"
)

// The fake Huawei credentials and project: made up, known only to the fake.
const (
	HuaweiAccessKey = "FAKE-AK-HUAWEI"
	HuaweiSecretKey = "FAKE-SK-HUAWEI"
	HuaweiProjectID = "0123456789abcdef0123456789abcdef"
	HuaweiToken     = "FAKE-IAM-TOKEN"
)

// NewDCSV2 starts a fake Huawei Cloud DCS API V2 (specs/huaweicloud/dcs-v2.yaml)
// for the duration of t. Instances: CreateInstance, ShowInstance (CREATING,
// then RUNNING), ListInstances (offset/limit, name, name_equal, status,
// instance_id), DeleteSingleInstance, BatchDeleteInstances.
func NewDCSV2(t testing.TB, opts ...Option) *Server {
	t.Helper()
	return forTest(t, "huaweicloud/dcs-v2.yaml", huawei{v1: false}, opts)
}

// StartDCSV2 starts the fake Huawei Cloud DCS API V2 of NewDCSV2 outside a test (an Example, a
// demo); Close it when done.
func StartDCSV2(opts ...Option) (*Server, error) {
	return start("huaweicloud/dcs-v2.yaml", huawei{v1: false}, opts)
}

// NewDCSV1 starts a fake Huawei Cloud DCS API V1 (specs/huaweicloud/dcs-v1.yaml):
// the same instance lifecycle, ListInstances paged with start (1-based)/limit.
func NewDCSV1(t testing.TB, opts ...Option) *Server {
	t.Helper()
	return forTest(t, "huaweicloud/dcs-v1.yaml", huawei{v1: true}, opts)
}

// StartDCSV1 starts the fake Huawei Cloud DCS API V1 of NewDCSV1 outside a test (an Example, a
// demo); Close it when done.
func StartDCSV1(opts ...Option) (*Server, error) {
	return start("huaweicloud/dcs-v1.yaml", huawei{v1: true}, opts)
}

// HuaweiConfig is a huaweicloud.Config for this server: its URL, the fake
// AK/SK and project, and the default retry attempts with millisecond
// backoffs (set Retry to change them).
func (s *Server) HuaweiConfig() huaweicloud.Config {
	return huaweicloud.Config{
		Endpoint:    s.URL,
		Retry:       quickRetry(),
		Credentials: huaweicloud.Credentials{AccessKey: HuaweiAccessKey, SecretKey: secret.New(HuaweiSecretKey), ProjectID: HuaweiProjectID},
	}
}

type huawei struct{ v1 bool }

func (huawei) verifier() verifier.Verifier {
	return verifier.HuaweiCloud{
		Secret:    func(ak string) (string, bool) { return HuaweiSecretKey, ak == HuaweiAccessKey },
		Token:     func(tok string) bool { return tok == HuaweiToken },
		ProjectID: HuaweiProjectID,
	}
}

func (huawei) fault(f Fault) *Response {
	if f.Status == 0 {
		f.Status = http.StatusInternalServerError
	}
	if f.Code == "" {
		f.Code = "DCS.5000" // 7.2: Internal service error.
	}
	if f.Message == "" {
		f.Message = "fault injected by the fake"
	}
	return &Response{Status: f.Status, Body: map[string]any{"error_code": f.Code, "error_msg": f.Message}}
}

// notFound is 7.2's DCS.3022, HTTP 404: This DCS instance does not exist.
func hwNotFound() *Response {
	return &Response{Status: http.StatusNotFound, Body: map[string]any{"error_code": "DCS.3022", "error_msg": "This DCS instance does not exist."}}
}

func (h huawei) serve(s *Server, op string, r *Request) (*Response, bool) {
	st := s.state
	switch op {
	case "CreateInstance":
		var body map[string]any
		if err := json.Unmarshal(r.Body, &body); err != nil {
			return &Response{Status: http.StatusBadRequest, Body: map[string]any{"error_code": "DCS.4005", "error_msg": "The message body is not in JSON format."}}, true
		}
		template := s.example("ShowInstance", "200")
		obj := newObject(template, body)
		id := st.newID()
		name, _ := body["name"].(string)
		obj["instance_id"], obj["name"], obj["status"] = id, name, "CREATING"
		st.add(id, obj)
		out := map[string]any{"instances": []any{map[string]any{"instance_id": id, "instance_name": name}}}
		if h.v1 {
			out["instance_id"] = id
		}
		return &Response{Body: out}, true
	case "ShowInstance":
		res, ok := st.items[r.PathParams["instance_id"]]
		if !ok {
			return hwNotFound(), true
		}
		s.poll(res, "status", "CREATING", "RUNNING")
		return &Response{Body: res.obj}, true
	case "ListInstances":
		q := r.Query
		idKey, offKey, base, defLimit := "instance_id", "offset", 0, 10
		if h.v1 {
			idKey, offKey, base, defLimit = "id", "start", 1, 1000
		}
		exact := q.Get("name_equal") == "true"
		match := st.list(func(res *resource) bool {
			name, _ := res.obj["name"].(string)
			switch {
			case q.Get(idKey) != "" && res.obj["instance_id"] != q.Get(idKey):
			case q.Get("status") != "" && res.obj["status"] != q.Get("status"):
			case q.Get("name") != "" && exact && name != q.Get("name"):
			case q.Get("name") != "" && !exact && !strings.Contains(name, q.Get("name")):
			default:
				return true
			}
			return false
		})
		off, limit := base, defLimit
		if v, err := strconv.Atoi(q.Get(offKey)); err == nil {
			off = v
		}
		if v, err := strconv.Atoi(q.Get("limit")); err == nil {
			limit = v
		}
		return &Response{Body: map[string]any{"instance_num": len(match), "instances": objects(page(match, off-base, limit))}}, true
	case "DeleteSingleInstance":
		if !st.remove(r.PathParams["instance_id"]) {
			return hwNotFound(), true
		}
		return &Response{Status: http.StatusNoContent}, true
	case "BatchDeleteInstances":
		var body struct {
			Instances []string `json:"instances"`
		}
		_ = json.Unmarshal(r.Body, &body)
		var results []any
		for _, id := range body.Instances {
			result := "success"
			if !st.remove(id) {
				result = "failed"
			}
			results = append(results, map[string]any{"result": result, "instance": id})
		}
		if h.v1 {
			return &Response{Status: http.StatusNoContent}, true
		}
		return &Response{Body: map[string]any{"results": results}}, true
	}
	return nil, false
}
