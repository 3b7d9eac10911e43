package jsoncodec_test

// Issue 11 (item 10) and issue 12 (items 3 and 7): a value of an unexpected
// type loses nothing else, and the error names where and what, never the
// bytes; one rule decides whether a documented body is JSON.

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/flex"
	"github.com/cachesdk/cachesdk/internal/jsoncodec"
	"github.com/cachesdk/cachesdk/payload"
)

type inst struct {
	Name     *string `json:"name,omitempty"`
	Port     *int32  `json:"port,omitempty"`
	Password *string `json:"password,omitempty"`
}

type list struct {
	Count     *int    `json:"instance_num,omitempty"`
	Instances *[]inst `json:"instances,omitempty"`
	After     *string `json:"after,omitempty"`
}

func decodeErr(t *testing.T, err error) *payload.DecodeError {
	t.Helper()
	var de *payload.DecodeError
	require.ErrorAs(t, err, &de)
	return de
}

func TestIssue11MismatchKeepsEverythingElse(t *testing.T) {
	body := `{"name":"dcs-1","port":"6379","password":"hunter2-very-secret"}`
	var v inst
	de := decodeErr(t, jsoncodec.Unmarshal([]byte(body), &v))
	require.ErrorIs(t, de, payload.ErrType)
	require.Equal(t, "port", de.Path)
	require.Equal(t, "int32", de.Want)
	require.Equal(t, "string", de.Got)
	require.Equal(t, "dcs-1", *v.Name, "fields before the mismatch")
	require.Equal(t, "hunter2-very-secret", *v.Password, "fields after the mismatch")
	require.Nil(t, v.Port)
	require.NotContains(t, de.Error(), "6379")
	require.NotContains(t, de.Error(), "hunter2")
}

func TestIssue11PathHasIndices(t *testing.T) {
	body := `{"instance_num":4,"instances":[{},{"name":"a,b[c]{"},{"port":1},{"name":"x","port":"6379","password":"p4ss"}],"after":"y"}`
	var v list
	de := decodeErr(t, jsoncodec.Unmarshal([]byte(body), &v))
	require.Equal(t, "instances[3].port", de.Path)
	require.Equal(t, "y", *v.After)
	require.Len(t, *v.Instances, 4)
	require.Equal(t, "p4ss", *(*v.Instances)[3].Password)
	require.NotContains(t, de.Error(), "p4ss")
	require.Contains(t, de.Error(), "instances[3].port")
}

func TestIssue12ErrorsNeverQuoteTheBody(t *testing.T) {
	for _, tc := range []struct {
		body, path, got string
		kind            error
	}{
		{`{"port":12.5,"password":"pw-number"}`, "port", "number", payload.ErrType},
		{`{"port":{"password":"pw-object"}}`, "port", "object", payload.ErrType},
		{`{"instances":{"password":"pw-obj"}}`, "instances", "object", payload.ErrType},
		{`{"name":"pw-truncated`, "name", "", payload.ErrSyntax},
		{`{"name":"x"} pw-trailing`, "", "", payload.ErrSyntax},
		{`[{"password":"pw-array"}]`, "", "array", payload.ErrType},
		{`   `, "", "", payload.ErrNoBody},
	} {
		var v list
		var i inst
		target := any(&v)
		if strings.Contains(tc.body, `"port"`) || strings.Contains(tc.body, `"name"`) {
			target = &i
		}
		de := decodeErr(t, jsoncodec.Unmarshal([]byte(tc.body), target))
		require.ErrorIs(t, de, tc.kind, tc.body)
		require.Equal(t, tc.path, de.Path, tc.body)
		require.Equal(t, tc.got, de.Got, tc.body)
		require.NotContains(t, de.Error(), "pw-", tc.body)
	}
}

// The keys of a map are data (a parameter's name, a tag), never quoted:
// "[*]". Field names are kept.
func TestPathKeysAreNamesNotData(t *testing.T) {
	var v map[string]map[string]int
	de := decodeErr(t, jsoncodec.Unmarshal([]byte(`{"a b":{"`+strings.Repeat("k", 100)+`":"x"}}`), &v))
	require.Equal(t, `[*][*]`, de.Path)
	require.NotContains(t, de.Error(), "kkk")
}

func resp(status int, contentType string) *http.Response {
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return &http.Response{StatusCode: status, Header: h}
}

// Issue 12 item 7: JSON whatever the Content-Type's case or absence; a
// documented 2xx body that is missing or not JSON is an error.
func TestIssue12DecodeResponseRule(t *testing.T) {
	ok := []struct{ ct, body string }{
		{"", `{"name":"a"}`},
		{"text/html", `{"name":"a"}`},
		{"Application/JSON", `{"name":"a"}`},
		{"APPLICATION/JSON; charset=UTF-8", ` {"name":"a"}`},
		{"application/problem+json", `{"name":"a"}`},
		{"application/json", `null`},
	}
	for _, tc := range ok {
		var v inst
		decoded, err := jsoncodec.DecodeResponse("ShowInstance", resp(200, tc.ct), []byte(tc.body), &v)
		require.NoError(t, err, tc)
		require.True(t, decoded, tc)
	}
	bad := []struct {
		ct, body string
		kind     error
	}{
		{"", ``, payload.ErrNoBody},
		{"application/json", ` `, payload.ErrNoBody},
		{"text/plain", `OK`, payload.ErrNotJSON},
		{"text/html", `<html>hi</html>`, payload.ErrNotJSON},
		{"", `OK`, payload.ErrNotJSON},
		{"application/json", `<html>`, payload.ErrSyntax},
		{"application/json", `{"name":`, payload.ErrSyntax},
	}
	for _, tc := range bad {
		var v inst
		decoded, err := jsoncodec.DecodeResponse("ShowInstance", resp(204-4, tc.ct), []byte(tc.body), &v)
		require.False(t, decoded, tc)
		de := decodeErr(t, err)
		require.ErrorIs(t, err, tc.kind, tc)
		require.Equal(t, "ShowInstance", de.Operation)
		require.Equal(t, 200, de.StatusCode)
		require.NotContains(t, err.Error(), "html>")
		require.NotContains(t, err.Error(), "OK")
	}
	// An error status without a JSON body: nothing to decode, the status says it.
	var v inst
	decoded, err := jsoncodec.DecodeResponse("ShowInstance", resp(502, "text/html"), []byte(`<html>bad gateway</html>`), &v)
	require.False(t, decoded)
	require.NoError(t, err)
	// A mistyped field: decoded (the rest is there) and an error.
	decoded, err = jsoncodec.DecodeResponse("ShowInstance", resp(200, ""), []byte(`{"name":"a","port":"1"}`), &v)
	require.True(t, decoded)
	require.True(t, errors.Is(err, payload.ErrType))
	require.Equal(t, "a", *v.Name)
	require.Equal(t, `ShowInstance: HTTP 200: decoding the response body: JSON value of an unexpected type at port (want int32, got JSON string), byte 22 of 23 bytes`, err.Error())
}

func TestContentTypeInErrorsIsSanitised(t *testing.T) {
	var v inst
	_, err := jsoncodec.DecodeResponse("X", resp(200, "text/plain; secret=abc"), []byte("OK"), &v)
	require.Contains(t, err.Error(), "Content-Type text/plain")
	require.NotContains(t, err.Error(), "secret")
	_, err = jsoncodec.DecodeResponse("X", resp(200, "text/<b>"), []byte("OK"), &v)
	require.NotContains(t, err.Error(), "<b>")
}

func stdUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// Every mistyped value is left absent, not only the first one, and the
// error counts the others.
func TestIssue11EveryMismatchIsLeftAbsent(t *testing.T) {
	body := `{"instance_num":"3","instances":[{"name":"a","port":"1"},{"port":2,"name":7},"x",{"name":"d","password":"p","port":{"n":1}}],"after":"y"}`
	var v list
	de := decodeErr(t, jsoncodec.Unmarshal([]byte(body), &v))
	require.Equal(t, "instance_num", de.Path)
	require.Equal(t, 4, de.More, "instances[0].port, instances[1].name, instances[2], instances[3].port")
	require.Contains(t, de.Error(), "and 4 more")
	require.Nil(t, v.Count)
	require.Equal(t, "y", *v.After)
	items := *v.Instances
	require.Len(t, items, 4, "indices kept")
	require.Equal(t, "a", *items[0].Name)
	require.Nil(t, items[0].Port)
	require.Equal(t, int32(2), *items[1].Port)
	require.Nil(t, items[1].Name)
	require.Equal(t, inst{}, items[2], "a mistyped element is null")
	require.Equal(t, "d", *items[3].Name)
	require.Equal(t, "p", *items[3].Password)
	require.Nil(t, items[3].Port)
}

func TestIssue11CutKeepsTheBodyValid(t *testing.T) {
	for _, body := range []string{
		`{"port":"1"}`,
		`{ "port" : "1" , "name":"a"}`,
		`{"name":"a" , "port" : "1" }`,
		`{"name":"a\"b","port":"1","password":"p"}`,
		`{"n\"ame":"a","port":["x"]}`,
	} {
		var v inst
		de := decodeErr(t, jsoncodec.Unmarshal([]byte(body), &v))
		require.Equal(t, "port", de.Path, body)
		require.Zero(t, de.More, body)
		require.Nil(t, v.Port, body)
	}
}

// picky refuses every value, quoting it (as some UnmarshalJSON do).
type picky struct{}

func (*picky) UnmarshalJSON(b []byte) error { return fmt.Errorf("refused %s", b) }

type flexItem struct {
	Offset *flex.String `json:"offset,omitempty"`
	Name   *string      `json:"name,omitempty"`
	Picky  *picky       `json:"picky,omitempty"`
}

type flexList struct {
	Items *[]flexItem `json:"items,omitempty"`
	After *string     `json:"after,omitempty"`
}

// A value refused by its type's UnmarshalJSON (flex.String, a union) made
// encoding/json stop: it is found, cut out, and everything else decodes.
func TestIssue11ValueRefusedByItsTypeIsCutToo(t *testing.T) {
	body := `{"items":[{"offset":1},{"offset":"2"},{"name":"a","offset":true,"picky":null}],"after":"y"}`
	var v flexList
	de := decodeErr(t, jsoncodec.Unmarshal([]byte(body), &v))
	require.ErrorIs(t, de, payload.ErrType)
	require.Equal(t, "items[2].offset", de.Path)
	require.Equal(t, "flex.String", de.Want)
	require.Equal(t, "y", *v.After, "decoded past the refused value")
	items := *v.Items
	require.Len(t, items, 3)
	require.Equal(t, flex.String("2"), *items[1].Offset)
	require.Equal(t, "a", *items[2].Name)
	require.Nil(t, items[2].Offset)

	body = `{"items":[{"name":"a","picky":"s3cret"}],"after":"y"}`
	v = flexList{}
	de = decodeErr(t, jsoncodec.Unmarshal([]byte(body), &v))
	require.ErrorIs(t, de, payload.ErrValue)
	require.Equal(t, "items[0].picky", de.Path)
	require.NotContains(t, de.Error(), "s3cret")
	require.Equal(t, "y", *v.After)
	require.Equal(t, "a", *(*v.Items)[0].Name)
}
