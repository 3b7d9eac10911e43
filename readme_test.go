package cachesdk_test

// Issue 14: every Go block of README.md compiles. A block that starts with
// "package" is a whole file; any other block is a fragment, placed in the
// body of a function (so it must declare what it uses and handle its
// errors as real code does), its imports added by golang.org/x/tools/imports.
// The blocks are type-checked as files of a throwaway package inside this
// module (a go/packages overlay: nothing is written to disk).

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/imports"
)

var goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")

func TestREADMEGoBlocksCompile(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	blocks := goBlock.FindAllStringSubmatch(string(readme), -1)
	require.NotEmpty(t, blocks, "README.md has no Go block")

	dir, err := filepath.Abs("internal/readmeblocks")
	require.NoError(t, err)
	overlay := map[string][]byte{}
	for i, b := range blocks {
		src := b[1]
		file := filepath.Join(dir, fmt.Sprintf("block%02d.go", i+1))
		if strings.HasPrefix(strings.TrimSpace(src), "package ") {
			// a whole program: compiled as package main of its own
			file = filepath.Join(dir, fmt.Sprintf("main%02d", i+1), "main.go")
		} else {
			src = fmt.Sprintf("package readmeblocks\n\nfunc block%02d() {\n%s\n}\n", i+1, src)
		}
		out, err := imports.Process(file, []byte(src), nil)
		require.NoError(t, err, "README.md Go block %d does not parse:\n%s", i+1, b[1])
		overlay[file] = out
	}
	var patterns []string
	seen := map[string]bool{}
	for f := range overlay {
		d := filepath.Dir(f)
		if !seen[d] {
			seen[d] = true
			patterns = append(patterns, "file="+f)
		}
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode:    packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedImports | packages.NeedDeps,
		Overlay: overlay,
		Dir:     ".",
		Tests:   false,
	}, patterns...)
	require.NoError(t, err)
	var problems []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if strings.Contains(e.Pos, "readmeblocks") {
				problems = append(problems, e.Error())
			}
		}
	})
	require.Empty(t, problems, "README.md Go blocks do not compile (block N is blockNN in the messages)")
	t.Logf("README.md: %d Go blocks compiled", len(blocks))
}
