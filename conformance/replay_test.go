package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/mockserver"
	"github.com/cachesdk/cachesdk/specs"
)

func loadSpec(t *testing.T, name string) *openapi3.T {
	t.Helper()
	data, err := specs.FS.ReadFile(name)
	require.NoError(t, err)
	doc, err := mockserver.Load(data)
	require.NoError(t, err, name)
	return doc
}

// TestReplay runs every case of every spec and prints how many documented
// examples went over the wire.
func TestReplay(t *testing.T) {
	var total tally
	for _, name := range specs.Names() {
		tg, ok := targets[name]
		if why, isPending := pending[name]; isPending && !ok {
			t.Logf("replay %s: NOT REPLAYED, pending %s", name, why)
			continue
		}
		if !ok {
			t.Errorf("%s: no target in targets_test.go: the spec is not replayed", name)
			continue
		}
		total.merge(replaySpec(t, name, name, tg))
	}
	t.Logf("replay total: %d cases: %d documented response examples and %d documented request examples replayed, %d derived error examples",
		total.cases, total.docResponses, total.docRequests, total.derived)
}

// TestReplayHuaweiToken replays DCS V2 again with IAM token authentication.
func TestReplayHuaweiToken(t *testing.T) {
	replaySpec(t, "huaweicloud/dcs-v2.yaml", "huaweicloud/dcs-v2.yaml (token)", huaweiV2(true))
}

func replaySpec(t *testing.T, name, label string, tg target) tally {
	doc := loadSpec(t, name)
	cases, err := deriveCases(doc, tg.defaultStatus, tg.bound)
	require.NoError(t, err, name)
	ops := 0
	for _, item := range doc.Paths.Map() {
		ops += len(item.Operations())
	}
	var n tally
	t.Run(label, func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name(), func(t *testing.T) {
				if replay(t, doc, tg, c) {
					n.add(c)
				}
			})
		}
	})
	t.Logf("replay %s: %d operations, %d of %d cases passed: %d documented response examples, %d documented request examples, %d derived error examples",
		label, ops, n.cases, len(cases), n.docResponses, n.docRequests, n.derived)
	return n
}

type tally struct{ cases, docResponses, docRequests, derived int }

func (t *tally) add(c replayCase) {
	t.cases++
	if c.derived {
		t.derived++
		return
	}
	if c.example != "" {
		t.docResponses++
	}
	if c.reqName == c.example || c.example == "documented" || c.example == "" {
		t.docRequests += c.reqCount // a request example is counted with its own response
	}
}

func (t *tally) merge(o tally) {
	t.cases += o.cases
	t.docResponses += o.docResponses
	t.docRequests += o.docRequests
	t.derived += o.derived
}

// replay sends one case through the typed client and checks both directions.
// It reports whether every check passed.
func replay(t *testing.T, doc *openapi3.T, tg target, c replayCase) bool {
	srv := mockserver.New(doc, mockserver.Options{
		Verifier: tg.verifier,
		Answer: func(*openapi3.Operation) mockserver.Answer {
			return mockserver.Answer{Status: c.status, Response: c.code, Example: c.example}
		},
	})
	ts := httptest.NewServer(srv)
	defer ts.Close()

	client, err := tg.newClient(ts.URL)
	require.NoError(t, err)
	result, callErr := call(t, client, tg, c)

	got := srv.Received()
	require.Len(t, got, 1, "the client sent %d requests", len(got))
	rec := got[0]
	require.NoError(t, rec.Err, "the server rejected the request")
	checkRequest(t, tg, c, rec)

	want, err := exampleValue(c)
	require.NoError(t, err)
	if c.code[0] == '2' {
		require.NoError(t, callErr)
		checkResult(t, result, c.status, want)
	} else {
		var apiErr *apierror.Error
		require.True(t, errors.As(callErr, &apiErr), "want a typed *apierror.Error, got %v", callErr)
		assert.Equal(t, c.status, apiErr.StatusCode)
		assert.Equal(t, c.op.OperationID, apiErr.Operation, "issue 13.5: errors name the operationId, for every vendor")
		if m, ok := want.(map[string]any); ok {
			assert.Equal(t, queryString(m[tg.errorCode]), apiErr.Code)
		}
	}
	return !t.Failed()
}

// call invokes <OperationId>WithResponse on the typed client by reflection:
// ctx, the path parameters in path order, the params struct, the body.
func call(t *testing.T, client any, tg target, c replayCase) (reflect.Value, error) {
	t.Helper()
	name := strings.ToUpper(c.op.OperationID[:1]) + c.op.OperationID[1:] + "WithResponse"
	if tg.method != nil {
		name = tg.method(strings.ToUpper(c.op.OperationID[:1]) + c.op.OperationID[1:])
	}
	m := reflect.ValueOf(client).MethodByName(name)
	require.True(t, m.IsValid(), "the client has no method %s", name)
	mt := m.Type()
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	var pathNames []string
	for _, p := range pathParamNames(c.pathKey) {
		if _, ok := tg.bound[p]; !ok {
			pathNames = append(pathNames, p)
		}
	}
	last := mt.NumIn()
	if mt.IsVariadic() {
		last--
	}
	for i := 1; i < last; i++ {
		at := mt.In(i)
		switch {
		case i-1 < len(pathNames):
			args = append(args, decodeInto(t, at, c.path[pathNames[i-1]], "path parameter "+pathNames[i-1]))
		case at.Kind() == reflect.Pointer && strings.HasSuffix(at.Elem().Name(), "Params"):
			args = append(args, decodeInto(t, at, c.query, "parameters"))
		default:
			require.True(t, c.hasBody, "%s takes a body but the case has none", name)
			args = append(args, decodeInto(t, at, c.body, "body"))
		}
	}
	out := m.Call(args)
	err, _ := out[1].Interface().(error)
	return out[0], err
}

// decodeInto turns an example value into a Go value of type typ, refusing
// fields the Go type does not have: nothing in an example may be dropped.
func decodeInto(t *testing.T, typ reflect.Type, v any, what string) reflect.Value {
	t.Helper()
	if typ.Kind() == reflect.String {
		return reflect.ValueOf(queryString(v)).Convert(typ)
	}
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	ptr := reflect.New(typ)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(ptr.Interface()), "%s: the example does not fit %s", what, typ)
	return ptr.Elem()
}

func pathParamNames(key string) []string {
	p, _, _ := strings.Cut(key, "#")
	var names []string
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, seg[1:len(seg)-1])
		}
	}
	return names
}

// checkRequest compares the wire request with the documented one.
func checkRequest(t *testing.T, tg target, c replayCase, rec mockserver.Received) {
	t.Helper()
	assert.Equal(t, strings.ToUpper(c.method), rec.Method, "method")
	wantPath := map[string]string{}
	for k, v := range c.path {
		wantPath[k] = queryString(v)
	}
	assert.Equal(t, wantPath, nonNil(rec.PathParams), "path parameters")

	q, err := url.ParseQuery(rec.RawQuery)
	require.NoError(t, err)
	if tg.rpc {
		assert.Equal(t, []string{c.op.Extensions["x-rpc-action"].(string)}, q["Action"], "Action, exactly once")
		q.Del("Action")
	}
	for _, p := range tg.signerParams {
		q.Del(p)
	}
	wantQuery := url.Values{}
	for k, v := range c.query {
		if c.header[k] {
			assert.Equal(t, queryString(v), rec.Header.Get(k), "header %s", k)
			continue
		}
		wantQuery.Set(k, queryString(v))
	}
	assert.Equal(t, wantQuery, q, "query parameters (signer's removed)")

	if c.hasBody {
		want, err := json.Marshal(c.body)
		require.NoError(t, err)
		assert.JSONEq(t, string(want), string(rec.Body), "request body")
	} else {
		assert.Empty(t, rec.Body, "request body")
	}
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// checkResult re-encodes the typed result (the JSON<status> field) and
// compares it with the documented response: no field lost or renamed.
func checkResult(t *testing.T, result reflect.Value, status int, want any) {
	t.Helper()
	sc := result.MethodByName("StatusCode").Call(nil)[0].Int()
	assert.Equal(t, int64(status), sc, "status")
	field := result.Elem().FieldByName("JSON" + strconv.Itoa(status))
	if want == nil {
		if field.IsValid() {
			assert.True(t, field.IsNil(), "a %d without a body decoded into JSON%d", status, status)
		}
		return
	}
	require.True(t, field.IsValid(), "the result has no JSON%d field", status)
	require.False(t, field.IsNil(), "JSON%d is nil: the body was not decoded", status)
	got, err := json.Marshal(field.Interface())
	require.NoError(t, err)
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)
	assert.JSONEq(t, string(wantJSON), string(got), "typed result re-encoded")
}

// exampleValue is the response example of c as the typed result re-encodes
// it (flexAsString).
func exampleValue(c replayCase) (any, error) {
	v, err := mockserver.Example(c.op, c.code, c.example)
	if err != nil || v == nil {
		return v, err
	}
	if r := c.op.Responses.Value(c.code); r != nil && r.Value != nil {
		if mt := r.Value.Content.Get("application/json"); mt != nil {
			// the example is the spec's own value: rewrite a copy
			b, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			var cp any
			if err := json.Unmarshal(b, &cp); err != nil {
				return nil, err
			}
			v = flexAsString(cp, mt.Schema)
		}
	}
	return v, nil
}
