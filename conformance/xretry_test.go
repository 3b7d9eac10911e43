package conformance

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cachesdk/cachesdk/operation"
	"github.com/cachesdk/cachesdk/specs"
)

// TestEveryOperationDeclaresRetrySafety: every operation of every spec has
// x-retry with one of operation.Safeties (specs/README.md rule 8), which the
// generated client carries in the request context and package retry decides
// from. It prints the count of each value per spec.
func TestEveryOperationDeclaresRetrySafety(t *testing.T) {
	for _, name := range specs.Names() {
		t.Run(name, func(t *testing.T) {
			doc := loadSpec(t, name)
			counts := map[operation.Safety]int{}
			for _, key := range doc.Paths.InMatchingOrder() {
				for method, op := range doc.Paths.Value(key).Operations() {
					where := fmt.Sprintf("%s %s %s", op.OperationID, method, key)
					raw, ok := op.Extensions["x-retry"]
					if !assert.True(t, ok, "%s: no x-retry (want one of %q)", where, operation.Safeties) {
						continue
					}
					s, isString := raw.(string)
					if !assert.True(t, isString, "%s: x-retry is %T, want a string", where, raw) {
						continue
					}
					safety, err := operation.ParseSafety(s)
					if assert.NoError(t, err, where) {
						counts[safety]++
					}
				}
			}
			t.Logf("%s: x-retry read %d, idempotent %d, non-idempotent %d", name,
				counts[operation.Read], counts[operation.Idempotent], counts[operation.NonIdempotent])
		})
	}
}

// TestRetrySafetyCheckCatchesBadDeclarations feeds the check's two failure
// cases through the same parser the check uses, so the check can fail.
func TestRetrySafetyCheckCatchesBadDeclarations(t *testing.T) {
	for _, bad := range []string{"", "get", "Read", "nonidempotent", "safe"} {
		_, err := operation.ParseSafety(bad)
		assert.Error(t, err, "%q", bad)
	}
}
