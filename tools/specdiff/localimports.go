package main

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// copyProjectImports makes the generated packages in dir type-check when a
// spec names a type of the project itself (x-go-type-import such as
// github.com/cachesdk/cachesdk/flex): the temporary module cannot require the
// project, so each imported project package (and the project packages it
// imports in turn) is copied into the temporary module, without its tests,
// and the import paths are rewritten to point there. Both sides get the same
// copy, so apidiff sees one type on either side. The project is the module
// whose go.mod is nearest above the new spec; a package that imports a module
// the tool's go.mod does not know still fails to type-check, with go's error.
//
// It returns the project's module path when it copied anything ("" when not),
// so the report can name the types by their real import path.
func copyProjectImports(dir, newSpec string, sides ...string) (string, error) {
	root, modPath, err := projectModule(newSpec)
	if err != nil || modPath == "" {
		return "", err // no go.mod above the spec: nothing to copy
	}
	prefix := modPath + "/"
	var files []string
	for _, side := range sides {
		m, err := filepath.Glob(filepath.Join(dir, side, "*.go"))
		if err != nil {
			return "", err
		}
		files = append(files, m...)
	}
	copied := map[string]bool{}
	for i := 0; i < len(files); i++ {
		f, err := parser.ParseFile(token.NewFileSet(), files[i], nil, parser.ImportsOnly)
		if err != nil {
			return "", fmt.Errorf("parse %s: %w", files[i], err)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			rel, ok := strings.CutPrefix(p, prefix)
			if !ok || copied[rel] {
				continue
			}
			copied[rel] = true
			srcs, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(rel), "*.go"))
			if err != nil {
				return "", err
			}
			for _, src := range srcs {
				if strings.HasSuffix(src, "_test.go") {
					continue
				}
				data, err := os.ReadFile(src)
				if err != nil {
					return "", err
				}
				dst := filepath.Join(dir, filepath.FromSlash(rel), filepath.Base(src))
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					return "", err
				}
				if err := os.WriteFile(dst, data, 0o644); err != nil {
					return "", err
				}
				files = append(files, dst)
			}
		}
	}
	if len(copied) == 0 {
		return "", nil
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		out := strings.ReplaceAll(string(data), strconv.Quote(modPath)[:len(modPath)+1]+"/", `"`+tmpModule+"/")
		if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
			return "", err
		}
	}
	return modPath, nil
}

// projectModule returns the directory and module path of the go.mod nearest
// above path, or "" when there is none.
func projectModule(path string) (root, modPath string, err error) {
	d, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return "", "", err
	}
	for {
		f, err := os.Open(filepath.Join(d, "go.mod"))
		if err == nil {
			defer f.Close()
			s := bufio.NewScanner(f)
			for s.Scan() {
				if m, ok := strings.CutPrefix(strings.TrimSpace(s.Text()), "module "); ok {
					return d, strings.Trim(strings.TrimSpace(m), `"`), nil
				}
			}
			return d, "", s.Err()
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", nil
		}
		d = parent
	}
}
