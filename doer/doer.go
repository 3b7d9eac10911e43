// Package doer is the pipeline every generated client sends through.
//
// A Doer sends one request (it is the generated clients' HttpRequestDoer and
// *http.Client satisfies it). A Middleware wraps a Doer with one concern:
// retry, signing, turning vendor error bodies into typed errors. Chain stacks
// them in the one order the SDK uses: retry, then sign, then send.
package doer

import "net/http"

// Doer sends one HTTP request and returns its response.
//
// A Doer given to a client as its HTTPClient sends what the chain signed
// and must not follow redirects: an *http.Client is used through a copy that
// follows none (pipeline.Send); any other Doer must return a 3xx response as
// it is, which the chain turns into an *origin.RedirectError.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

// Func adapts a function to Doer.
type Func func(req *http.Request) (*http.Response, error)

// Do calls f(req).
func (f Func) Do(req *http.Request) (*http.Response, error) { return f(req) }

// Middleware wraps next with one concern.
type Middleware func(next Doer) Doer

// Chain returns send wrapped by mws. The first middleware sees the request
// first and the response last: Chain(client, retry, sign) retries, and every
// attempt is signed afresh before client sends it.
func Chain(send Doer, mws ...Middleware) Doer {
	d := send
	for i := len(mws) - 1; i >= 0; i-- {
		if mws[i] != nil {
			d = mws[i](d)
		}
	}
	return d
}
