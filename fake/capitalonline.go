package fake

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/verifier"
)

// The fake CapitalOnline credentials: made up, known only to the fake.
const (
	CapitalOnlineAccessKeyID = "FAKE-AK-CDS"
	CapitalOnlineSecretKey   = "FAKE-SK-CDS"
)

// NewRedis starts a fake CapitalOnline Redis API (specs/capitalonline/redis.yaml)
// for the duration of t. Instances: CreateDBInstance (Amount of them),
// DescribeDBInstances (InstanceUuid, InstanceName, IP filters; a new
// instance is CREATING, then RUNNING), DeleteDBInstance (404
// ResourceNotFound for an unknown InstanceUuid).
func NewRedis(t testing.TB, opts ...Option) *Server {
	t.Helper()
	return forTest(t, "capitalonline/redis.yaml", cdsRedis{}, opts)
}

// StartRedis starts the fake CapitalOnline Redis API of NewRedis outside a test (an Example, a
// demo); Close it when done.
func StartRedis(opts ...Option) (*Server, error) {
	return start("capitalonline/redis.yaml", cdsRedis{}, opts)
}

// NewMemcached starts a fake CapitalOnline Memcached API
// (specs/capitalonline/memcached.yaml): CreateMemcachedInstance,
// DescribeMemcachedInstance (creating, then running), MemcachedInstanceList,
// DeleteMemcachedInstance. The document gives no not-found code for
// Memcached; the fake answers Redis's (HTTP 404, ResourceNotFound).
func NewMemcached(t testing.TB, opts ...Option) *Server {
	t.Helper()
	return forTest(t, "capitalonline/memcached.yaml", cdsMemcached{}, opts)
}

// StartMemcached starts the fake CapitalOnline Memcached API of NewMemcached outside a test (an Example, a
// demo); Close it when done.
func StartMemcached(opts ...Option) (*Server, error) {
	return start("capitalonline/memcached.yaml", cdsMemcached{}, opts)
}

// CapitalOnlineConfig is a capitalonline.Config for this server: its URL,
// the fake keys, and the default retry attempts with millisecond backoffs.
func (s *Server) CapitalOnlineConfig() capitalonline.Config {
	return capitalonline.Config{
		Endpoint:    s.URL,
		Retry:       quickRetry(),
		Credentials: capitalonline.Credentials{AccessKeyID: CapitalOnlineAccessKeyID, SecretKey: secret.New(CapitalOnlineSecretKey)},
	}
}

type cds struct{}

func (cds) verifier() verifier.Verifier {
	return verifier.CapitalOnline{Secret: func(ak string) (string, bool) {
		return CapitalOnlineSecretKey, ak == CapitalOnlineAccessKeyID
	}}
}

func (cds) fault(f Fault) *Response {
	if f.Status == 0 {
		f.Status = http.StatusInternalServerError
	}
	if f.Code == "" {
		f.Code = "InternalError"
	}
	if f.Message == "" {
		f.Message = "fault injected by the fake"
	}
	return &Response{Status: f.Status, Body: map[string]any{"Code": f.Code, "Message": f.Message}}
}

func cdsNotFound() *Response {
	return &Response{Status: http.StatusNotFound, Body: map[string]any{"Code": "ResourceNotFound", "Message": "instance not found"}}
}

func success(data any, extra ...any) *Response {
	body := map[string]any{"Code": "Success", "Message": "Success.", "Data": data}
	for i := 0; i+1 < len(extra); i += 2 {
		body[extra[i].(string)] = extra[i+1]
	}
	return &Response{Body: body}
}

func amount(body map[string]any) int {
	if n, ok := body["Amount"].(float64); ok && n >= 1 {
		return int(n)
	}
	return 1
}

type cdsRedis struct{ cds }

func (cdsRedis) serve(s *Server, op string, r *Request) (*Response, bool) {
	st := s.state
	switch op {
	case "CreateDBInstance":
		var body map[string]any
		_ = json.Unmarshal(r.Body, &body)
		var template map[string]any
		if xs, ok := s.example("DescribeDBInstances", "200")["Data"].([]any); ok && len(xs) > 0 {
			template, _ = xs[0].(map[string]any)
		}
		var ids []any
		for range amount(body) {
			obj := newObject(template, body)
			id := st.newID()
			obj["InstanceUuid"], obj["Status"], obj["StatusStr"] = id, "CREATING", "创建中"
			st.add(id, obj)
			ids = append(ids, id)
		}
		return success(map[string]any{"InstancesUuid": ids}, "TaskId", st.newID()), true
	case "DescribeDBInstances":
		q := r.Query
		match := st.list(func(res *resource) bool {
			name, _ := res.obj["InstanceName"].(string)
			ip, _ := res.obj["IP"].(string)
			switch {
			case q.Get("InstanceUuid") != "" && res.obj["InstanceUuid"] != q.Get("InstanceUuid"):
			case q.Get("InstanceName") != "" && !strings.Contains(name, q.Get("InstanceName")):
			case q.Get("IP") != "" && !strings.HasPrefix(ip, q.Get("IP")):
			default:
				return true
			}
			return false
		})
		if q.Get("InstanceUuid") != "" {
			for _, res := range match {
				s.poll(res, "Status", "CREATING", "RUNNING")
				if res.obj["Status"] == "RUNNING" {
					res.obj["StatusStr"] = "运行中"
				}
			}
		}
		return success(objects(match)), true
	case "DeleteDBInstance":
		var body struct{ InstanceUuid string }
		_ = json.Unmarshal(r.Body, &body)
		if !st.remove(body.InstanceUuid) {
			return cdsNotFound(), true
		}
		return success(map[string]any{}, "TaskId", st.newID()), true
	}
	return nil, false
}

type cdsMemcached struct{ cds }

func (cdsMemcached) serve(s *Server, op string, r *Request) (*Response, bool) {
	st := s.state
	var body map[string]any
	_ = json.Unmarshal(r.Body, &body)
	id, _ := body["InstanceId"].(string)
	switch op {
	case "CreateMemcachedInstance":
		template, _ := s.example("DescribeMemcachedInstance", "200")["Data"].(map[string]any)
		var ids, tasks []any
		for range amount(body) {
			obj := newObject(template, body)
			id := st.newID()
			obj["InstanceId"], obj["Status"] = id, "creating"
			st.add(id, obj)
			ids, tasks = append(ids, id), append(tasks, st.seq)
		}
		return success(map[string]any{"InstanceIds": ids, "TaskIds": tasks}), true
	case "DescribeMemcachedInstance":
		res, ok := st.items[id]
		if !ok {
			return cdsNotFound(), true
		}
		s.poll(res, "Status", "creating", "running")
		return success(res.obj), true
	case "MemcachedInstanceList":
		all := st.list(nil)
		data := s.example("MemcachedInstanceList", "200")["Data"]
		d, _ := data.(map[string]any)
		if d == nil {
			d = map[string]any{}
		}
		d["InstanceList"] = objects(all)
		return success(d), true
	case "DeleteMemcachedInstance":
		if !st.remove(id) {
			return cdsNotFound(), true
		}
		return success(map[string]any{"TaskId": st.seq}), true
	}
	return nil, false
}
