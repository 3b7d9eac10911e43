// Package readmeblocks is where readme_test.go type-checks the Go blocks of
// README.md (as overlay files: nothing else lives here).
package readmeblocks
