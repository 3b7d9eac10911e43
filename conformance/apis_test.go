package conformance

import (
	"reflect"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cachesdk/cachesdk/gen/capitalonline/memcached"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv1"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
)

// Issue 14 item 1: each generated package's API interface (internal/apigen)
// has every exported method of the client its vendor constructor returns
// (operations, paginators, waiters) and nothing else; the client
// implements it. gen/huaweicloud/dcsv2/api_test.go shows a fake of one
// method through it.
func TestAPIIsEveryMethodOfTheClient(t *testing.T) {
	var (
		v2  *dcsv2.ProjectClient
		v1  *dcsv1.ProjectClient
		rd  *redis.ClientWithResponses
		mc  *memcached.ClientWithResponses
		ucl *uredis.ClientWithResponses
	)
	for name, tc := range map[string]struct {
		client any
		api    reflect.Type
	}{
		"dcsv2":     {v2, reflect.TypeFor[dcsv2.API]()},
		"dcsv1":     {v1, reflect.TypeFor[dcsv1.API]()},
		"redis":     {rd, reflect.TypeFor[redis.API]()},
		"memcached": {mc, reflect.TypeFor[memcached.API]()},
		"uredis":    {ucl, reflect.TypeFor[uredis.API]()},
	} {
		ct := reflect.TypeOf(tc.client)
		assert.True(t, ct.Implements(tc.api), "%s: the client implements API", name)
		// methods promoted from an embedded field (ClientWithResponses embeds
		// the raw ClientInterface) are not the client's own
		promoted := map[string]bool{}
		for i := range ct.Elem().NumField() {
			if f := ct.Elem().Field(i); f.Anonymous {
				for j := range f.Type.NumMethod() {
					promoted[f.Type.Method(j).Name] = true
				}
			}
		}
		names := func(t reflect.Type) []string {
			var out []string
			for i := range t.NumMethod() {
				if !promoted[t.Method(i).Name] {
					out = append(out, t.Method(i).Name)
				}
			}
			sort.Strings(out)
			return out
		}
		assert.Equal(t, names(ct), names(tc.api), name)
	}
}
