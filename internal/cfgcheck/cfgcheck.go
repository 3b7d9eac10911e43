// Package cfgcheck validates the fields of the vendor client Configs at
// construction, one set of rules for every vendor, so that a bad value fails
// in New… with an error naming the field instead of at the first call, and
// a region or endpoint can never point a signed request at another host.
//
// Rules:
//   - an endpoint is an absolute URL "https://host[:port]": scheme http or
//     https, a host that is a DNS name or an IP literal, no user info, no
//     path (a trailing "/" is dropped), no query, no fragment. The generated
//     clients append the operation paths (/v2/…, /redis) to it, so a path
//     would be doubled or would change what the signature covers;
//   - plain http:// is refused unless the host is loopback (localhost,
//     127.0.0.0/8, ::1) or the caller opts in (AllowInsecureHTTP);
//   - a region is a DNS label (a-z, 0-9, '-', 1–63 bytes, no '-' at either
//     end) and, where the vendor publishes a list, one of it, unless the
//     caller opts out (AllowUnknownRegion).
package cfgcheck

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
)

// Error is a configuration error: Field names the Config field
// ("Config.Endpoint"), Reason what is wrong with it.
type Error struct {
	Vendor, Field, Value, Reason string
}

func (e *Error) Error() string {
	if e.Value == "" {
		return e.Vendor + ": " + e.Field + " " + e.Reason
	}
	return fmt.Sprintf("%s: %s %q %s", e.Vendor, e.Field, e.Value, e.Reason)
}

// shown is the value an error may quote: never one that could carry a
// password (user info).
func shown(raw string) string {
	if strings.Contains(raw, "@") {
		return "(not shown: it has user info)"
	}
	if len(raw) > 200 {
		return raw[:200] + "…"
	}
	return raw
}

// Endpoint validates raw as an API base URL for field of vendor's Config and
// returns it normalized as "scheme://host[:port]".
func Endpoint(vendor, field, raw string, allowInsecureHTTP bool) (string, error) {
	fail := func(reason string) (string, error) {
		return "", &Error{Vendor: vendor, Field: field, Value: shown(raw), Reason: reason}
	}
	const want = "is not an absolute URL https://host[:port]"
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Opaque != "" || u.Host == "" {
		return fail(want)
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return fail(want + " (scheme " + u.Scheme + ")")
	case u.User != nil:
		return fail("must not carry user info (credentials go in Config.Credentials)")
	case u.RawQuery != "" || u.ForceQuery:
		return fail("must not carry a query")
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return fail("must not carry a fragment")
	case u.Path != "" && u.Path != "/":
		return fail("must not carry a path: the client adds the operation's path (e.g. /v2/…) itself")
	}
	host := u.Hostname()
	if !validHost(host) {
		return fail("has an invalid host (want a DNS name or an IP address)")
	}
	if p := u.Port(); p != "" && !validPort(p) {
		return fail("has an invalid port")
	}
	if u.Scheme == "http" && !allowInsecureHTTP && !Loopback(host) {
		return fail("uses plain http to a host that is not loopback: use https, or set AllowInsecureHTTP")
	}
	return u.Scheme + "://" + strings.ToLower(u.Host), nil
}

// Loopback reports whether host (no port) is localhost or a loopback IP.
func Loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func validPort(p string) bool {
	if len(p) > 5 {
		return false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n > 0 && n <= 65535
}

// validHost accepts an IP address or a DNS name of letters, digits, '-' and
// '_' labels separated by dots (an optional final dot).
func validHost(h string) bool {
	if h == "" {
		return false
	}
	if net.ParseIP(h) != nil {
		return true
	}
	h = strings.TrimSuffix(h, ".")
	if len(h) == 0 || len(h) > 253 {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// Label validates v as a DNS host label: 1–63 bytes of a-z, 0-9 and '-', not
// starting or ending with '-'. Upper case is refused: region and zone ids
// are lower case, and the host they build must be the one that was checked.
func Label(vendor, field, v string) error {
	bad := len(v) == 0 || len(v) > 63 || v[0] == '-' || v[len(v)-1] == '-'
	for i := 0; i < len(v) && !bad; i++ {
		c := v[i]
		bad = !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-')
	}
	if bad {
		return &Error{Vendor: vendor, Field: field, Value: shown(v), Reason: "is not a region id (a DNS label: a-z, 0-9, '-', at most 63 bytes)"}
	}
	return nil
}

// Region validates a region id: a DNS label, and one of known unless
// allowUnknown (a region newer than the list).
func Region(vendor, field, v string, known []string, allowUnknown bool) error {
	if err := Label(vendor, field, v); err != nil {
		return err
	}
	if len(known) > 0 && !allowUnknown && !slices.Contains(known, v) {
		return &Error{Vendor: vendor, Field: field, Value: v,
			Reason: "is not a region this SDK knows (a newer region: set AllowUnknownRegion, or give Endpoint)"}
	}
	return nil
}

// Identifier validates an id that goes into a URL path or a parameter
// (project ids): 1–128 bytes of A-Z a-z 0-9 '-' '_' '.', and neither "."
// nor "..", which a URL would resolve as a dot segment.
func Identifier(vendor, field, v string) error {
	bad := len(v) == 0 || len(v) > 128 || v == "." || v == ".."
	for i := 0; i < len(v) && !bad; i++ {
		c := v[i]
		bad = !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.')
	}
	if bad {
		reason := "is not an id (1–128 bytes of A-Z a-z 0-9 - _ ., not . or ..)"
		if v == "" {
			reason = "is empty"
		}
		return &Error{Vendor: vendor, Field: field, Value: shown(v), Reason: reason}
	}
	return nil
}
