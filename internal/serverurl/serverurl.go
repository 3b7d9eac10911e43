// Package serverurl parses the server URL of the generated request builders
// once per server, not once per call (issue 15): a client's server never
// changes, and every builder only reads it (url.URL.Parse resolves the
// operation path into a new URL).
package serverurl

import (
	"net/url"
	"sync"
)

// maxCached bounds the cache: a program has a few servers (one per client
// endpoint); past this many, Parse parses without caching.
const maxCached = 64

var (
	mu    sync.RWMutex
	cache = map[string]*url.URL{}
)

// Parse returns url.Parse(server), from the cache when server was parsed
// before. The result is shared: callers must not modify it.
func Parse(server string) (*url.URL, error) {
	mu.RLock()
	u, ok := cache[server]
	mu.RUnlock()
	if ok {
		return u, nil
	}
	u, err := url.Parse(server)
	if err != nil {
		return nil, err
	}
	mu.Lock()
	if len(cache) < maxCached {
		cache[server] = u
	}
	mu.Unlock()
	return u, nil
}
