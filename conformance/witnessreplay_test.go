package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/apierror"
	"github.com/cachesdk/cachesdk/mockserver"
)

// replayWitness sends one witness through the operation's real client and
// reports the first way it fails, or nil. It never fails the test itself:
// TestWitnesses compares the outcome with the known-failures table.
//
//   - response: a 127.0.0.1 server (mockserver: routing, signature check,
//     request validation) takes the operation's documented request and
//     answers the witness bytes with the manifest's status (the spec's
//     success status when the source gives none); the call must return no
//     error and a non-nil JSON<status>, or for an error status a typed
//     *apierror.Error carrying the body's code.
//   - request: the body is validated against the spec's request body schema
//     (openapi3filter), decoded into the generated body type (strict on
//     types; unknown keys are listed by TestWitnessUnknownFields), and sent
//     by the client; the server validates the wire request again.
//   - request-query: each of the operation's query parameters is validated
//     against the witness query (openapi3filter), the query is decoded into
//     the generated Params type and sent likewise.
//
// Error messages name fields and reasons, never values (the bodies carry
// example passwords).
func replayWitness(doc *openapi3.T, tg target, w witness) error {
	so, ok := findOp(doc, w.Op)
	if !ok {
		return fmt.Errorf("the spec has no operation %s", w.Op)
	}
	status, err := w.status()
	if err != nil {
		return fmt.Errorf("manifest status: %w", err)
	}
	if status == 0 {
		status = successStatus(so.op)
	}
	// The documented request fills what the witness does not give (path
	// parameters; for a response witness, the whole request).
	c, err := newCase(so.item, so.op, so.method, so.key, successStatus(so.op), "", false, tg.bound)
	if err != nil {
		return fmt.Errorf("no documented request to send: %w", err)
	}

	var (
		params func(reflect.Type) (reflect.Value, error)
		body   func(reflect.Type) (reflect.Value, error)
		answer = mockserver.DefaultAnswer
	)
	params = func(typ reflect.Type) (reflect.Value, error) { return lenientDecode(typ, c.query) }
	body = func(typ reflect.Type) (reflect.Value, error) { return lenientDecode(typ, c.body) }
	switch w.Kind {
	case "response":
		answer = func(*openapi3.Operation) mockserver.Answer { return mockserver.Answer{Status: http.StatusOK} }
	case "request":
		if err := validateRequestBody(so, w.body); err != nil {
			return err
		}
		body = func(typ reflect.Type) (reflect.Value, error) {
			ptr := reflect.New(typ)
			if err := json.Unmarshal(w.body, ptr.Interface()); err != nil {
				return reflect.Value{}, fmt.Errorf("decode into %s: %w", typ, err)
			}
			return ptr.Elem(), nil
		}
	case "request-query":
		pairs, err := queryPairs(w.body)
		if err != nil {
			return err
		}
		if err := validateQuery(so, pairs); err != nil {
			return err
		}
		params = func(typ reflect.Type) (reflect.Value, error) { return decodeQuery(typ, pairs) }
	}

	msrv := mockserver.New(doc, mockserver.Options{Verifier: tg.verifier, Answer: answer})
	var handler http.Handler = msrv
	if w.Kind == "response" {
		handler = http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			msrv.ServeHTTP(rec, r) // verify and validate; its empty answer is dropped
			if rec.Code != http.StatusOK {
				rw.WriteHeader(rec.Code)
				rw.Write(rec.Body.Bytes())
				return
			}
			rw.Header().Set("Content-Type", "application/json")
			rw.WriteHeader(status)
			rw.Write(w.body)
		})
	}
	ts := httptest.NewServer(handler)
	defer ts.Close()

	client, err := tg.newClient(ts.URL)
	if err != nil {
		return fmt.Errorf("client: %w", err)
	}
	result, callErr, err := witnessCall(client, tg, so, c, params, body)
	if err != nil {
		return err
	}
	got := msrv.Received()
	if len(got) != 1 {
		return fmt.Errorf("the client sent %d requests, want 1", len(got))
	}
	if got[0].Err != nil {
		return fmt.Errorf("the server rejected the request: %w", got[0].Err)
	}

	if w.Kind != "response" {
		if callErr != nil {
			return fmt.Errorf("the call failed: %w", callErr)
		}
		if w.Kind == "request" {
			return sameDeclared(so, w.body, got[0].Body)
		}
		return nil
	}
	if status >= 300 {
		var apiErr *apierror.Error
		if !errors.As(callErr, &apiErr) {
			return fmt.Errorf("status %d: want a typed *apierror.Error, got %v", status, callErr)
		}
		var m map[string]any
		if err := json.Unmarshal(w.body, &m); err != nil {
			return err
		}
		if apiErr.StatusCode != status || apiErr.Code != queryString(m[tg.errorCode]) {
			return fmt.Errorf("status %d: the error carries status %d code %q, want code %q",
				status, apiErr.StatusCode, apiErr.Code, queryString(m[tg.errorCode]))
		}
		return nil
	}
	if callErr != nil {
		return fmt.Errorf("decode: %w", callErr)
	}
	if err := declaresSomething(so.op, status, w.body); err != nil {
		return err
	}
	if result.IsNil() {
		return errors.New("no error but a nil result")
	}
	field := result.Elem().FieldByName("JSON" + strconv.Itoa(status))
	if !field.IsValid() {
		return fmt.Errorf("the result has no JSON%d field", status)
	}
	if field.IsNil() {
		return fmt.Errorf("JSON%d is nil: the body was not decoded", status)
	}
	return nil
}

// witnessCall invokes the operation's client method by reflection, as call
// does, but reports errors instead of failing the test: the witness replay
// tolerates keys the Go types lack (they are counted elsewhere). It returns
// the typed result, the call's error, and a harness error.
func witnessCall(client any, tg target, so specOp, c replayCase,
	params, body func(reflect.Type) (reflect.Value, error)) (reflect.Value, error, error) {
	op := strings.ToUpper(so.op.OperationID[:1]) + so.op.OperationID[1:]
	name := op + "WithResponse"
	if tg.method != nil {
		name = tg.method(op)
	}
	m := reflect.ValueOf(client).MethodByName(name)
	if !m.IsValid() {
		return reflect.Value{}, nil, fmt.Errorf("the client has no method %s", name)
	}
	mt := m.Type()
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	var pathNames []string
	for _, p := range pathParamNames(so.key) {
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
		var (
			v   reflect.Value
			err error
		)
		switch {
		case i-1 < len(pathNames):
			v, err = lenientDecode(at, c.path[pathNames[i-1]])
		case at.Kind() == reflect.Pointer && strings.HasSuffix(at.Elem().Name(), "Params"):
			v, err = params(at)
		default:
			v, err = body(at)
		}
		if err != nil {
			return reflect.Value{}, nil, err
		}
		args = append(args, v)
	}
	out := m.Call(args)
	callErr, _ := out[1].Interface().(error)
	return out[0], callErr, nil
}

// lenientDecode is decodeInto without its refusal of unknown fields.
func lenientDecode(typ reflect.Type, v any) (reflect.Value, error) {
	if typ.Kind() == reflect.String {
		return reflect.ValueOf(queryString(v)).Convert(typ), nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return reflect.Value{}, err
	}
	ptr := reflect.New(typ)
	if err := json.Unmarshal(raw, ptr.Interface()); err != nil {
		return reflect.Value{}, fmt.Errorf("decode into %s: %w", typ, err)
	}
	return ptr.Elem(), nil
}

// schemaOptions: errors name the path and the reason, never the value.
var schemaOptions = []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()}

// validateRequestBody checks a witness body against the operation's request
// body with kin-openapi, as a server would.
func validateRequestBody(so specOp, body []byte) error {
	if so.op.RequestBody == nil || so.op.RequestBody.Value == nil {
		return errors.New("the operation takes no request body")
	}
	req, err := http.NewRequest(strings.ToUpper(so.method), "http://127.0.0.1/", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	in := &openapi3filter.RequestValidationInput{Request: req, Options: &openapi3filter.Options{
		MultiError: true, SkipSettingDefaults: true, SchemaValidationOptions: schemaOptions}}
	if err := openapi3filter.ValidateRequestBody(context.Background(), in, so.op.RequestBody.Value); err != nil {
		return fmt.Errorf("request body against the spec: %w", err)
	}
	return nil
}

// validateQuery checks the witness query against each of the operation's
// query parameters (required ones included) with kin-openapi.
func validateQuery(so specOp, pairs [][2]string) error {
	q := url.Values{}
	for _, p := range pairs {
		q.Add(p[0], p[1])
	}
	req, err := http.NewRequest(strings.ToUpper(so.method), "http://127.0.0.1/?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	in := &openapi3filter.RequestValidationInput{Request: req, Options: &openapi3filter.Options{
		MultiError: true, SkipSettingDefaults: true, SchemaValidationOptions: schemaOptions}}
	var errs []error
	for _, p := range append(append(openapi3.Parameters{}, so.item.Parameters...), so.op.Parameters...) {
		if p.Value == nil || p.Value.In != openapi3.ParameterInQuery {
			continue
		}
		if err := openapi3filter.ValidateParameter(context.Background(), in, p.Value); err != nil {
			errs = append(errs, fmt.Errorf("query parameter %s: %w", p.Value.Name, err))
		}
	}
	return errors.Join(errs...)
}

// decodeQuery fills the generated Params struct (typ is a pointer to it)
// from query pairs by the fields' form tags, converting each string to the
// field's type. Action is the client's; names the struct lacks are left to
// TestWitnessUnknownFields; a repeated name needs a slice field.
func decodeQuery(typ reflect.Type, pairs [][2]string) (reflect.Value, error) {
	ptr := reflect.New(typ.Elem())
	st := ptr.Elem()
	seen := map[string]bool{}
	for _, p := range pairs {
		name, val := p[0], p[1]
		if name == "Action" {
			continue
		}
		idx := formField(st.Type(), name)
		if idx < 0 {
			continue
		}
		if err := setFromString(st.Field(idx), val, seen[name]); err != nil {
			return reflect.Value{}, fmt.Errorf("query %s into %s: %w", name, st.Type(), err)
		}
		seen[name] = true
	}
	return ptr, nil
}

func formField(t reflect.Type, name string) int {
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("form"), ",")
		if tag == name {
			return i
		}
	}
	return -1
}

func setFromString(f reflect.Value, s string, again bool) error {
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			f.Set(reflect.New(f.Type().Elem()))
		}
		f = f.Elem()
	}
	if f.Kind() == reflect.Slice {
		e := reflect.New(f.Type().Elem()).Elem()
		if err := setFromString(e, s, false); err != nil {
			return err
		}
		f.Set(reflect.Append(f, e))
		return nil
	}
	if again {
		return errors.New("given more than once, but the field holds one value")
	}
	switch f.Kind() {
	case reflect.String:
		f.SetString(s)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("not an integer (%s)", f.Type())
		}
		f.SetInt(n)
	case reflect.Float32, reflect.Float64:
		n, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("not a number (%s)", f.Type())
		}
		f.SetFloat(n)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("not a boolean (%s)", f.Type())
		}
		f.SetBool(b)
	default:
		return fmt.Errorf("cannot set a %s from a query string", f.Type())
	}
	return nil
}

// declaresSomething refuses a response object none of whose keys the
// schema declares: it decodes without error into an empty result, and is
// not a body of this operation (e.g. one list item printed without its
// wrapper).
func declaresSomething(op *openapi3.Operation, status int, body []byte) error {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil || len(m) == 0 {
		return nil
	}
	schema := responseSchema(op, status)
	if schema == nil || schema.Value == nil {
		return nil
	}
	unknown := map[string]bool{}
	unknownKeys(m, []*openapi3.Schema{schema.Value}, "", unknown)
	for k := range m {
		if !unknown["/"+k] {
			return nil
		}
	}
	return fmt.Errorf("none of the body's %d top-level keys is in the %d response schema", len(m), status)
}

func TestDecodeQuery(t *testing.T) {
	type params struct {
		Region string    `form:"Region" json:"Region"`
		Limit  *int      `form:"Limit,omitempty" json:"Limit,omitempty"`
		IDs    *[]string `form:"BackupId,omitempty" json:"BackupId,omitempty"`
	}
	typ := reflect.TypeOf(&params{})
	v, err := decodeQuery(typ, [][2]string{{"Action", "X"}, {"Region", "cn-bj2"}, {"Limit", "20"}, {"BackupId", "a"}, {"BackupId", "b"}, {"Other", "z"}})
	require.NoError(t, err)
	got := v.Interface().(*params)
	assert.Equal(t, "cn-bj2", got.Region)
	assert.Equal(t, 20, *got.Limit)
	assert.Equal(t, []string{"a", "b"}, *got.IDs)

	_, err = decodeQuery(typ, [][2]string{{"Limit", "twenty"}})
	assert.ErrorContains(t, err, "Limit")
	_, err = decodeQuery(typ, [][2]string{{"Region", "a"}, {"Region", "b"}})
	assert.ErrorContains(t, err, "more than once")
}

func TestRedactValues(t *testing.T) {
	err := redactValues(errors.New(`decode: json: cannot unmarshal "\"Secret@123\",\n \"x\"" into Go struct field T.password of type int`))
	assert.Equal(t, "decode: json: cannot unmarshal <value> into Go struct field T.password of type int", err.Error())
	assert.NoError(t, redactValues(nil))
}

// sameDeclared compares the body the client sent with the witness body,
// both cut down to the keys the request schema declares (unknown keys are
// TestWitnessUnknownFields' business) and without nulls: every declared
// value the witness gives must reach the wire unchanged, and the client
// must add nothing the witness did not send (an unset optional value is
// never sent, issue 11 item 6). It reports the differing paths only.
func sameDeclared(so specOp, witnessBody, wire []byte) error {
	schema := requestSchema(so.op)
	if schema == nil || schema.Value == nil {
		return nil
	}
	var want, got any
	if err := json.Unmarshal(witnessBody, &want); err != nil {
		return err
	}
	if err := json.Unmarshal(wire, &got); err != nil {
		return fmt.Errorf("the wire body is not JSON: %w", err)
	}
	unknown := map[string]bool{}
	unknownKeys(want, []*openapi3.Schema{schema.Value}, "", unknown)
	want = pruneJSON(want, "", unknown)
	got = pruneJSON(got, "", nil)
	var diffs []string
	diffJSON(want, got, "", &diffs)
	if len(diffs) > 0 {
		return fmt.Errorf("the wire body differs from the witness at %s", strings.Join(diffs, ", "))
	}
	return nil
}

// pruneJSON drops nulls and the keys whose paths are in drop.
func pruneJSON(v any, at string, drop map[string]bool) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if e == nil || drop[at+"/"+k] {
				continue
			}
			out[k] = pruneJSON(e, at+"/"+k, drop)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = pruneJSON(e, at+"/[]", drop)
		}
		return out
	}
	return v
}

// diffJSON lists the paths where want and got differ (values not printed).
func diffJSON(want, got any, at string, out *[]string) {
	wm, wok := want.(map[string]any)
	gm, gok := got.(map[string]any)
	if wok && gok {
		for _, k := range sortedKeys(wm) {
			if _, ok := gm[k]; !ok {
				*out = append(*out, at+"/"+k+" (not sent)")
				continue
			}
			diffJSON(wm[k], gm[k], at+"/"+k, out)
		}
		for _, k := range sortedKeys(gm) {
			if _, ok := wm[k]; !ok {
				*out = append(*out, at+"/"+k+" (sent, not in the witness)")
			}
		}
		return
	}
	wa, waok := want.([]any)
	ga, gaok := got.([]any)
	if waok && gaok && len(wa) == len(ga) {
		for i := range wa {
			diffJSON(wa[i], ga[i], at+"/"+strconv.Itoa(i), out)
		}
		return
	}
	if !reflect.DeepEqual(want, got) {
		*out = append(*out, at+" (value or type)")
	}
}

func TestDiffJSON(t *testing.T) {
	want := pruneJSON(map[string]any{"a": 1.0, "n": nil, "gone": "x", "src": map[string]any{"addrs": "h:1"}}, "", map[string]bool{"/gone": true})
	got := map[string]any{"a": "1", "src": map[string]any{"addrs": "h:1", "addr": ""}}
	var diffs []string
	diffJSON(want, got, "", &diffs)
	assert.Equal(t, []string{"/a (value or type)", "/src/addr (sent, not in the witness)"}, diffs)
}
