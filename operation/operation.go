// Package operation carries what the generated clients know about the API
// operation a request belongs to (its operationId and how safely it may be
// sent again) down the request chain, in the request's context, so that
// retry, typed errors, logs and waiters name and treat it the same way. It is
// the counterpart of aws-sdk-go-v2's middleware.GetOperationName.
//
// The generated client of every spec (gen/templates/client.tmpl) puts one
// *Info per operation into the context of each request it builds:
//
//	info, ok := operation.FromContext(req.Context())
//	// info.ID == "RestartOrFlushInstances", info.Safety == operation.NonIdempotent
//
// Each operation declares its Safety in its spec with the x-retry extension
// (specs/README.md); conformance/specs_test.go fails when one lacks it.
package operation

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/oapi-codegen/runtime"
)

// Safety says what sending an operation's request a second time does, when
// the outcome of the first attempt is unknown (a reset, a 5xx, a timeout).
// It is declared per operation in the specs as x-retry, one of the values of
// the constants below, and decided from what the operation does, not from its
// HTTP method.
type Safety string

const (
	// Read changes nothing: a repeat is harmless (list, show, describe).
	Read Safety = "read"
	// Idempotent changes state, and a repeat leaves the same state as one
	// call: set a field to a value, delete one named resource. A repeat may
	// answer differently (e.g. "not found" after the first delete).
	Idempotent Safety = "idempotent"
	// NonIdempotent acts again on every call: create, restart, flush, swap,
	// back up, restore, start a resize or migration. Such a request is sent
	// again only when it provably never reached the server or the server
	// refused it unseen (429); see package retry.
	NonIdempotent Safety = "non-idempotent"
)

// Safeties lists every valid Safety, in the order of the constants.
var Safeties = []Safety{Read, Idempotent, NonIdempotent}

// ParseSafety returns the Safety spelled s (an x-retry value), or an error
// naming the valid values.
func ParseSafety(s string) (Safety, error) {
	for _, v := range Safeties {
		if string(v) == s {
			return v, nil
		}
	}
	return "", fmt.Errorf("operation: unknown x-retry value %q (want one of %q)", s, Safeties)
}

// Repeatable reports whether a request of this safety may be sent again when
// the server may have acted on the first attempt: true for Read and
// Idempotent, false for NonIdempotent and for any unknown value.
func (s Safety) Repeatable() bool { return s == Read || s == Idempotent }

// Info describes one operation. The generated clients keep one Info per
// operation in a package variable and never change it; treat it as read-only.
type Info struct {
	// ID is the operationId as written in the spec, e.g. "ListInstances",
	// "DescribeDBInstances"; for the RPC vendors it equals the Action.
	ID string
	// Safety is the operation's x-retry declaration.
	Safety Safety
}

type contextKey struct{}

// NewContext returns ctx carrying info. A nil info returns ctx unchanged.
func NewContext(ctx context.Context, info *Info) context.Context {
	if info == nil {
		return ctx
	}
	return context.WithValue(ctx, contextKey{}, info)
}

// FromContext returns the Info the generated client put into ctx, and false
// for a request that did not come from a generated client.
func FromContext(ctx context.Context) (*Info, bool) {
	if ctx == nil {
		return nil, false
	}
	info, ok := ctx.Value(contextKey{}).(*Info)
	return info, ok && info != nil
}

// Name returns the operationId carried by ctx, or "" when there is none.
func Name(ctx context.Context) string {
	if info, ok := FromContext(ctx); ok {
		return info.ID
	}
	return ""
}

// ErrPathSegment is wrapped by every *PathSegmentError (errors.Is).
var ErrPathSegment = errors.New("invalid path parameter")

// PathSegmentError is a path parameter that cannot be sent as one path
// segment: empty, "." or "..". Such a value would name another resource
// ("…/instances/" is the collection, ".." climbs out of the project), so the
// generated client refuses it before anything is sent.
type PathSegmentError struct {
	Operation string // the operationId, e.g. "DeleteBackupFile"
	Param     string // the parameter's name in the spec, e.g. "backup_id"
	Value     string // the value given ("", "." or "..")
}

func (e *PathSegmentError) Error() string {
	why := fmt.Sprintf("is %q", e.Value)
	if e.Value == "" {
		why = "is empty"
	}
	return fmt.Sprintf("%s: path parameter %s %s: a path segment must not be empty, \".\" or \"..\"", e.Operation, e.Param, why)
}

// Unwrap returns ErrPathSegment.
func (e *PathSegmentError) Unwrap() error { return ErrPathSegment }

// CheckPathSegment returns a *PathSegmentError when value, the text of path
// parameter param of operation op, is empty, "." or "..". Any other value is
// left to the generated client, which percent-escapes it as one segment
// ("a/b" is sent as "a%2Fb"). Generated request builders call it for every
// path parameter.
func CheckPathSegment(op, param, value string) error {
	switch value {
	case "", ".", "..":
		return &PathSegmentError{Operation: op, Param: param, Value: value}
	}
	return nil
}

// MissingParamsError reports a call whose params struct is nil although the
// operation has required query parameters: nothing is sent (the server
// would refuse the request, and a nil params must not silently drop them).
type MissingParamsError struct {
	Operation string   // the operationId
	Params    []string // the required query parameters, by their names in the spec
}

func (e *MissingParamsError) Error() string {
	return fmt.Sprintf("%s: params is nil, but the operation requires the query parameters %s", e.Operation, strings.Join(e.Params, ", "))
}

// Required returns a *MissingParamsError for a nil params of operation op
// whose required query parameters are names, or nil when there are none.
// The generated request builders call it.
func Required(op string, names ...string) error {
	if len(names) == 0 {
		return nil
	}
	return &MissingParamsError{Operation: op, Params: names}
}

// QueryParam returns the query fragment name=value of a string parameter in
// form style, exploded (OpenAPI's default for a query parameter), each part
// escaped by runtime.DefaultQueryEncoder: the text
// runtime.StyleParamWithOptions("form", true, name, value, …) returns for a
// string, without reflection (one allocation instead of four: issue 15).
// The generated request builders call it.
func QueryParam(name, value string) string {
	enc := runtime.DefaultQueryEncoder
	return enc.EscapeQueryValue(name, false) + "=" + enc.EscapeQueryValue(value, false)
}

// QueryInt is QueryParam for an integer parameter (base 10).
func QueryInt(name string, value int64) string {
	return QueryParam(name, strconv.FormatInt(value, 10))
}
