package faultsuite

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/doer"
	"github.com/cachesdk/cachesdk/internal/hostile"
	"github.com/cachesdk/cachesdk/origin"
)

// stolen is the path and query of every redirect target: an action the
// caller never asked for.
const stolen = "/steal?Action=DeleteURedisGroup&GroupId=g-victim"

// Redirects of every code, to the same IP on another port, to another host
// name and to the same origin, for every vendor and call, with the SDK's
// default client and with a caller's own *http.Client (which follows
// redirects by default): nothing reaches the target, the call fails with an
// *origin.RedirectError naming the status and the target's origin only.
func TestRedirects(t *testing.T) {
	bystander := hostile.New(t, nil)
	t.Cleanup(func() {
		require.Zero(t, bystander.Count(), "a request reached another origin: %+v", bystander.Requests())
	})
	clients := map[string]func() doer.Doer{
		"default":         nil,
		"caller's client": func() doer.Doer { return &http.Client{} },
	}
	for _, code := range []int{301, 302, 303, 307, 308} {
		for cname, client := range clients {
			for tname, target := range map[string]func(srv *hostile.Server) (location, origin string){
				"same IP other port": func(*hostile.Server) (string, string) {
					return bystander.URL + stolen, "http://" + bystander.Host()
				},
				"other host": func(*hostile.Server) (string, string) {
					o := fmt.Sprintf("http://localhost:%d", bystander.Port())
					return o + stolen, o
				},
				"same origin": func(srv *hostile.Server) (string, string) { return stolen, "http://" + srv.Host() },
			} {
				t.Run(fmt.Sprintf("%d/%s/%s", code, cname, tname), func(t *testing.T) {
					each(t, client, func(t *testing.T, v vendor, c call, srv *hostile.Server, _ *sleeps) {
						location, wantOrigin := target(srv)
						srv.Handle(func(_ int, w http.ResponseWriter, _ *http.Request) { hostile.Redirect(w, code, location) })
						ok, err := c.do(context.Background())
						require.False(t, ok)
						var re *origin.RedirectError
						require.ErrorAs(t, err, &re)
						require.Equal(t, code, re.StatusCode)
						require.Equal(t, wantOrigin, re.Origin)
						reqs := srv.Requests()
						require.NotEmpty(t, reqs)
						for _, r := range reqs {
							require.NotContains(t, r.URI, "steal", "the redirect was followed")
						}
						require.Zero(t, bystander.Count())
						requireSigned(t, reqs)
						requireClean(t, err, reqs)
						for _, s := range []string{"steal", "g-victim", "?"} {
							require.NotContains(t, err.Error(), s, "the target's origin only")
						}
					})
				})
			}
		}
	}
}
