// Package specs embeds the hand-written OpenAPI specs, so tests, the demo and
// tools load exactly the files that generated the clients, with no path
// juggling. Runtime packages (gen/, signer/, the vendor clients) do not import
// it: a client binary carries no spec and no spec loader.
package specs

import (
	"embed"
	"io/fs"
	"path"
	"sort"
)

//go:embed */*.yaml
var FS embed.FS

// Names lists the embedded specs ("capitalonline/redis.yaml", …), sorted.
func Names() []string {
	names, _ := fs.Glob(FS, "*/*.yaml") // the pattern is valid, so no error
	sort.Strings(names)
	return names
}

// Vendor returns the vendor directory of a spec name.
func Vendor(name string) string { return path.Dir(name) }
