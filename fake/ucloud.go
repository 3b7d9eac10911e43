package fake

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
	"github.com/cachesdk/cachesdk/verifier"
)

// The fake UCloud key pair: made up, known only to the fake.
const (
	UCloudPublicKey  = "FAKE-PUBLIC-KEY"
	UCloudPrivateKey = "FAKE-PRIVATE-KEY"
	UCloudRegion     = "cn-bj2"
)

// NewURedis starts a fake UCloud URedis API (specs/ucloud/uredis.yaml) for
// the duration of t: DescribeURedisBackup pages (Offset/Limit, TotalCount)
// through the backups added with AddURedisBackup, filtered by GroupId.
func NewURedis(t testing.TB, opts ...Option) *Server {
	t.Helper()
	return forTest(t, "ucloud/uredis.yaml", uredis{}, opts)
}

// StartURedis starts the fake UCloud URedis API of NewURedis outside a test (an Example, a
// demo); Close it when done.
func StartURedis(opts ...Option) (*Server, error) { return start("ucloud/uredis.yaml", uredis{}, opts) }

// UCloudConfig is a ucloud.Config for this server (Region UCloudRegion),
// with the default retry attempts and millisecond backoffs.
func (s *Server) UCloudConfig() ucloud.Config {
	return ucloud.Config{
		Endpoint:    s.URL,
		Retry:       quickRetry(),
		Credentials: ucloud.Credentials{PublicKey: UCloudPublicKey, PrivateKey: secret.New(UCloudPrivateKey)},
		Region:      UCloudRegion,
	}
}

// AddURedisBackup adds a backup of the group in the given State (Backuping,
// Success, Error, Expired) and returns it as the API shows it; adding an
// existing backupID replaces it. Call it again to move a backup on.
func (s *Server) AddURedisBackup(groupID, backupID, state string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var obj map[string]any
	if xs, ok := s.example("DescribeURedisBackup", "200")["DataSet"].([]any); ok && len(xs) > 0 {
		obj, _ = clone(xs[0]).(map[string]any)
	}
	if obj == nil {
		obj = map[string]any{}
	}
	obj["GroupId"], obj["BackupId"], obj["State"] = groupID, backupID, state
	if res, ok := s.state.items[backupID]; ok {
		res.obj = obj
	} else {
		s.state.add(backupID, obj)
	}
	return clone(obj).(map[string]any)
}

type uredis struct{}

func (uredis) verifier() verifier.Verifier {
	return verifier.UCloud{PrivateKey: func(pk string) (string, bool) {
		return UCloudPrivateKey, pk == UCloudPublicKey
	}}
}

// fault: UCloud answers failures with HTTP 200 and a non-zero RetCode
// unless Status says otherwise.
func (uredis) fault(f Fault) *Response {
	code := 150
	if n, err := strconv.Atoi(f.Code); err == nil {
		code = n
	}
	if f.Status == 0 {
		f.Status = http.StatusOK
	}
	if f.Message == "" {
		f.Message = "fault injected by the fake"
	}
	return &Response{Status: f.Status, Body: map[string]any{"RetCode": code, "Message": f.Message}}
}

func (uredis) serve(s *Server, op string, r *Request) (*Response, bool) {
	if op != "DescribeURedisBackup" {
		return nil, false
	}
	q := r.Query
	match := s.state.list(func(res *resource) bool {
		return q.Get("GroupId") == "" || res.obj["GroupId"] == q.Get("GroupId")
	})
	off, limit := 0, 20
	if v, err := strconv.Atoi(q.Get("Offset")); err == nil {
		off = v
	}
	if v, err := strconv.Atoi(q.Get("Limit")); err == nil {
		limit = v
	}
	return &Response{Body: map[string]any{
		"Action": "DescribeURedisBackupResponse", "RetCode": 0,
		"TotalCount": len(match), "DataSet": objects(page(match, off, limit)),
	}}, true
}
