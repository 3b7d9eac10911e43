package verifier

import (
	"bytes"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// UCloud verifies the UCloud signature of a GET or form POST request:
// SHA1 over the sorted name+value pairs followed by the private key.
type UCloud struct {
	// PrivateKey returns the private key of a public key.
	PrivateKey func(publicKey string) (string, bool)
}

// Verify recomputes the signature from the received parameters.
func (v UCloud) Verify(r *http.Request, body []byte) error {
	raw := r.URL.RawQuery
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	var params url.Values
	var err error
	switch {
	case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
		params, err = url.ParseQuery(string(body))
	case strings.HasPrefix(ct, "application/json"):
		params, err = ucloudJSONParams(body)
	default:
		params, err = url.ParseQuery(raw)
	}
	if err != nil {
		return errors.New("ucloud signature: undecodable parameters")
	}
	for _, name := range []string{"Action", "PublicKey", "Signature"} {
		if len(params[name]) != 1 {
			return fmt.Errorf("ucloud signature: want exactly one %s", name)
		}
	}
	priv, ok := v.PrivateKey(params.Get("PublicKey"))
	if !ok {
		return fmt.Errorf("ucloud signature: unknown PublicKey %q", params.Get("PublicKey"))
	}
	names := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	h := sha1.New()
	for _, k := range names {
		if len(params[k]) != 1 {
			return fmt.Errorf("ucloud signature: parameter %s given %d times", k, len(params[k]))
		}
		h.Write([]byte(k + params[k][0]))
	}
	h.Write([]byte(priv))
	want := hex.EncodeToString(h.Sum(nil))
	if subtle.ConstantTimeCompare([]byte(want), []byte(params.Get("Signature"))) != 1 {
		return errors.New("ucloud signature: signature does not match")
	}
	return nil
}

// ucloudJSONParams flattens a JSON object body into the parameters UCloud
// signs: nested objects as Name.Field, arrays as Name.0, Name.1…; strings as
// they are, booleans true/false, integers as written, other numbers in plain
// decimal; null and empty strings left out.
func ucloudJSONParams(body []byte) (url.Values, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, err
	}
	out := url.Values{}
	var walk func(name string, v any) error
	walk = func(name string, v any) error {
		switch x := v.(type) {
		case nil:
		case string:
			if x != "" {
				out.Add(name, x)
			}
		case bool:
			out.Add(name, strconv.FormatBool(x))
		case json.Number:
			s := string(x)
			digits := strings.TrimPrefix(s, "-")
			if digits == "" || strings.Trim(digits, "0123456789") != "" { // not an integer literal: kept exact otherwise
				f, err := strconv.ParseFloat(s, 64)
				if err != nil {
					return err
				}
				s = strconv.FormatFloat(f, 'f', -1, 64)
			}
			if s == "-0" {
				s = "0"
			}
			out.Add(name, s)
		case []any:
			for i, e := range x {
				if err := walk(name+"."+strconv.Itoa(i), e); err != nil {
					return err
				}
			}
		case map[string]any:
			for k, e := range x {
				n := k
				if name != "" {
					n = name + "." + k
				}
				if err := walk(n, e); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return out, walk("", obj)
}
