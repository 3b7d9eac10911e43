package jsoncodec_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/cachesdk/cachesdk/gen/capitalonline/memcached"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv1"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
	"github.com/cachesdk/cachesdk/internal/jsoncodec"
	"github.com/cachesdk/cachesdk/payload"
)

// parsed is what a fuzzed parser returned, reduced to what the properties need.
type parsed struct {
	isNil   bool   // the *XxxResponse was nil
	body    []byte // its Body
	json200 bool   // its JSON200 was set
}

// parsers are generated ParseXxxResponse functions of every vendor and
// shape: an object (ShowInstance), a list, an envelope, a default response.
var parsers = []struct {
	name  string
	parse func(*http.Response) (parsed, error)
}{
	{"dcsv2.ShowInstance", func(r *http.Response) (parsed, error) {
		o, err := dcsv2.ParseShowInstanceResponse(r)
		if o == nil {
			return parsed{isNil: true}, err
		}
		return parsed{body: o.Body, json200: o.JSON200 != nil}, err
	}},
	{"dcsv2.ListInstances", func(r *http.Response) (parsed, error) {
		o, err := dcsv2.ParseListInstancesResponse(r)
		if o == nil {
			return parsed{isNil: true}, err
		}
		return parsed{body: o.Body, json200: o.JSON200 != nil}, err
	}},
	{"dcsv1.ShowInstance", func(r *http.Response) (parsed, error) {
		o, err := dcsv1.ParseShowInstanceResponse(r)
		if o == nil {
			return parsed{isNil: true}, err
		}
		return parsed{body: o.Body, json200: o.JSON200 != nil}, err
	}},
	{"redis.DescribeDBInstances", func(r *http.Response) (parsed, error) {
		o, err := redis.ParseDescribeDBInstancesResponse(r)
		if o == nil {
			return parsed{isNil: true}, err
		}
		return parsed{body: o.Body, json200: o.JSON200 != nil}, err
	}},
	{"memcached.MemcachedInstanceList", func(r *http.Response) (parsed, error) {
		o, err := memcached.ParseMemcachedInstanceListResponse(r)
		if o == nil {
			return parsed{isNil: true}, err
		}
		return parsed{body: o.Body, json200: o.JSON200 != nil}, err
	}},
	{"uredis.DescribeURedisBackup", func(r *http.Response) (parsed, error) {
		o, err := uredis.ParseDescribeURedisBackupResponse(r)
		if o == nil {
			return parsed{isNil: true}, err
		}
		return parsed{body: o.Body, json200: o.JSON200 != nil}, err
	}},
}

// FuzzParseResponses drives a generated response parser (parsers[which])
// with arbitrary bodies, statuses and content types: it never panics, never
// returns a nil response with a nil error, returns the response (raw Body
// included) with every *payload.DecodeError, and a nil error on a 200 means
// a typed result.
func FuzzParseResponses(f *testing.F) {
	f.Add([]byte(`{"port":"6379","name":"x"}`), 200, "", uint8(0))
	f.Fuzz(func(t *testing.T, body []byte, status int, contentType string, which uint8) {
		if status < 100 || status > 599 {
			status = 200
		}
		p := parsers[int(which)%len(parsers)]
		name, parse := p.name, p.parse
		h := http.Header{}
		if contentType != "" {
			h.Set("Content-Type", contentType)
		}
		rsp := &http.Response{StatusCode: status, Header: h, ContentLength: -1, Body: io.NopCloser(bytes.NewReader(body))}
		out, err := parse(rsp)
		if out.isNil {
			if err == nil {
				t.Fatalf("%s: nil response and nil error (status %d, %q)", name, status, body)
			}
			var tl *payload.TooLargeError
			if !errors.As(err, &tl) {
				t.Fatalf("%s: nil response with %T %v", name, err, err)
			}
			return
		}
		if !bytes.Equal(out.body, body) {
			t.Fatalf("%s: Body is not the bytes received", name)
		}
		if err != nil {
			var de *payload.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("%s: error %T is no *payload.DecodeError", name, err)
			}
			return
		}
		if status == 200 && !out.json200 {
			t.Fatalf("%s: HTTP 200, nil error, nil JSON200 for %q (Content-Type %q)", name, body, contentType)
		}
	})
}

// FuzzUnmarshalMatchesEncodingJSON: the codec accepts what encoding/json
// accepts, with the same result, and reports every failure as a
// *payload.DecodeError.
func FuzzUnmarshalMatchesEncodingJSON(f *testing.F) {
	f.Add([]byte(`{"instance_num":1,"instances":[{"name":"a","port":"6379"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var ours, std list
		err := jsoncodec.Unmarshal(body, &ours)
		stdErr := stdUnmarshal(body, &std)
		if (err == nil) != (stdErr == nil) {
			t.Fatalf("codec error %v, encoding/json error %v, for %q", err, stdErr, body)
		}
		if err != nil {
			var de *payload.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %T is no *payload.DecodeError", err)
			}
			return
		}
		a, _ := jsoncodec.Marshal(ours)
		b, _ := jsoncodec.Marshal(std)
		if !bytes.Equal(a, b) {
			t.Fatalf("codec %s, encoding/json %s, for %q", a, b, body)
		}
		// With types that decode themselves (flex.String, a refusing one).
		var fOurs, fStd flexList
		err, stdErr = jsoncodec.Unmarshal(body, &fOurs), stdUnmarshal(body, &fStd)
		if (err == nil) != (stdErr == nil) {
			t.Fatalf("flex: codec error %v, encoding/json error %v, for %q", err, stdErr, body)
		}
		if err != nil && !errors.As(err, new(*payload.DecodeError)) {
			t.Fatalf("flex: error %T is no *payload.DecodeError", err)
		}
	})
}
