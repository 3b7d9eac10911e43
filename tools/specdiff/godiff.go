package main

import (
	"context"
	_ "embed"
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
	"golang.org/x/exp/apidiff"
	"golang.org/x/tools/go/packages"

	// The generated clients import these. Importing them here keeps them in
	// this module's go.mod and go.sum, which the temporary module reuses, so
	// the generated packages type-check from the module cache.
	_ "github.com/oapi-codegen/nullable"
	_ "github.com/oapi-codegen/runtime"
	_ "github.com/oapi-codegen/runtime/types"
)

// The temporary module that holds both generated packages is this module's
// go.mod and go.sum under another name: same versions, nothing to resolve.
var (
	//go:embed go.mod
	toolGoMod string
	//go:embed go.sum
	toolGoSum string
)

const tmpModule = "specdiff.invalid"

// GoDiff is the comparison of the exported API of the two generated packages.
type GoDiff struct {
	Package  string     `json:"package"`
	Breaking int        `json:"breaking"`
	Changes  []GoChange `json:"changes"`
}

// GoChange is one apidiff finding. Compatible is apidiff's verdict; Breaking
// is ours for a caller of the SDK, which differs only where Note says why.
type GoChange struct {
	Message    string `json:"message"`
	Compatible bool   `json:"compatible"`
	Breaking   bool   `json:"breaking"`
	Note       string `json:"note,omitempty"`
}

func diffGoAPI(ctx context.Context, oldSpec, newSpec string, cfg codegen.Configuration) (*GoDiff, error) {
	dir, err := os.MkdirTemp("", "specdiff-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	if err := writeTempModule(dir); err != nil {
		return nil, err
	}
	if err := generate(oldSpec, filepath.Join(dir, "old"), cfg); err != nil {
		return nil, err
	}
	if err := generate(newSpec, filepath.Join(dir, "new"), cfg); err != nil {
		return nil, err
	}
	project, err := copyProjectImports(dir, newSpec, "old", "new")
	if err != nil {
		return nil, err
	}
	oldPkg, newPkg, err := loadPair(ctx, dir)
	if err != nil {
		return nil, err
	}

	out := &GoDiff{Package: cfg.PackageName, Changes: []GoChange{}}
	seen := map[string]bool{}
	for _, c := range apidiff.Changes(oldPkg, newPkg).Changes {
		// One message can come twice with both verdicts: a method added to
		// ClientInterface is incompatible there and compatible on
		// ClientWithResponses, which embeds it. Incompatibles come first.
		if seen[c.Message] {
			continue
		}
		seen[c.Message] = true
		if project != "" { // a copied project type: name it by its real path
			c.Message = strings.ReplaceAll(c.Message, tmpModule+"/", project+"/")
		}
		gc := classify(c)
		if gc.Breaking {
			out.Breaking++
		}
		out.Changes = append(out.Changes, gc)
	}
	sort.SliceStable(out.Changes, func(i, j int) bool {
		a, b := out.Changes[i], out.Changes[j]
		if a.Breaking != b.Breaking {
			return a.Breaking
		}
		return a.Message < b.Message
	})
	return out, nil
}

func writeTempModule(dir string) error {
	mod := regexp.MustCompile(`(?m)^module .*$`).ReplaceAllString(toolGoMod, "module "+tmpModule)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "go.sum"), []byte(toolGoSum), 0o644)
}

// loadPair type-checks both generated packages in one go list run.
func loadPair(ctx context.Context, dir string) (oldPkg, newPkg *types.Package, err error) {
	cfg := &packages.Config{
		Context: ctx,
		Dir:     dir,
		Mode:    packages.NeedName | packages.NeedTypes,
		// A go.work above the temp dir (or the caller's) must not take over.
		Env: append(os.Environ(), "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "./old", "./new")
	if err != nil {
		return nil, nil, fmt.Errorf("load generated packages: %w", err)
	}
	var msgs []string
	for _, p := range pkgs {
		for _, e := range p.Errors {
			msgs = append(msgs, e.Error())
		}
		switch p.PkgPath {
		case tmpModule + "/old":
			oldPkg = p.Types
		case tmpModule + "/new":
			newPkg = p.Types
		}
	}
	if len(msgs) > 0 {
		return nil, nil, fmt.Errorf("generated code does not type-check:\n  %s", strings.Join(msgs, "\n  "))
	}
	if oldPkg == nil || newPkg == nil {
		return nil, nil, fmt.Errorf("generated packages not found in %s", dir)
	}
	return oldPkg, newPkg, nil
}

// Methods added to these generated interfaces break only code that
// implements them (hand-written fakes); code that calls the client compiles
// unchanged. A new operation always adds one, so counting it as breaking would
// make every added endpoint a break.
// HttpRequestDoer is deliberately not listed: callers implement that one.
var clientInterfaceMethodAdded = regexp.MustCompile(`^(ClientInterface|ClientWithResponsesInterface)\.\w+: added$`)

func classify(c apidiff.Change) GoChange {
	gc := GoChange{Message: c.Message, Compatible: c.Compatible, Breaking: !c.Compatible}
	if !c.Compatible && clientInterfaceMethodAdded.MatchString(c.Message) {
		gc.Breaking = false
		gc.Note = "breaks only types that implement the interface (e.g. test fakes), not callers"
	}
	return gc
}
