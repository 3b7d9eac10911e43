package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/util"
	"gopkg.in/yaml.v3"
)

// fileConfig is the shape of an oapi-codegen config file (the command's own
// struct is unexported). Output is read and ignored: both sides are written
// into a temporary module instead.
type fileConfig struct {
	codegen.Configuration `yaml:",inline"`
	Output                string `yaml:"output,omitempty"`
}

// loadCodegenConfig reads the config at path, or returns the project's
// default (the options of gen/capitalonline/redis/oapi-codegen.yaml) with the
// package named after the new spec's file, since the old one is often a
// temporary copy.
func loadCodegenConfig(path, newSpec string) (codegen.Configuration, error) {
	var cfg codegen.Configuration
	if path == "" {
		cfg = codegen.Configuration{
			PackageName: packageName(newSpec),
			Generate:    codegen.GenerateOptions{Models: true, Client: true},
			OutputOptions: codegen.OutputOptions{
				NullableType: true,
				SkipPrune:    true,
			},
		}
	} else {
		data, err := os.ReadFile(path)
		if err != nil {
			return cfg, fmt.Errorf("oapi-codegen config: %w", err)
		}
		var fc fileConfig
		if err := yaml.Unmarshal(data, &fc); err != nil {
			return cfg, fmt.Errorf("oapi-codegen config %s: %w", path, err)
		}
		cfg = fc.Configuration
		if cfg.PackageName == "" {
			cfg.PackageName = packageName(newSpec)
		}
	}
	// Never fetch a remote $ref, whatever the config says (the 2.8 default
	// is to allow all).
	cfg.AllowRemoteRefsFrom = []string{}
	// The project's template overrides (gen/templates) change function
	// bodies only, and their code imports the project's internal packages,
	// which the temporary module cannot; the exported API, all this tool
	// compares, is the same with the upstream templates.
	cfg.OutputOptions.UserTemplates = nil
	cfg = cfg.UpdateDefaults()
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("oapi-codegen config: %w", err)
	}
	return cfg, nil
}

// packageName turns "capitalonline-redis.yaml" into "capitalonlineredis" and
// "redis.yaml" into "redis": lower-case letters and digits, never starting
// with a digit.
func packageName(specPath string) string {
	base := strings.TrimSuffix(filepath.Base(specPath), filepath.Ext(specPath))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if name == "" || unicode.IsDigit(rune(name[0])) {
		name = "api" + name
	}
	return name
}

// generateMu serializes codegen.Generate, which keeps its options and the
// spec in package-level state: two concurrent runs corrupt each other's output.
var generateMu sync.Mutex

// generate writes the client oapi-codegen makes from specPath into dir.
func generate(specPath, dir string, cfg codegen.Configuration) error {
	opts := util.LoadSwaggerWithOverlayOpts{
		Path:                cfg.OutputOptions.Overlay.Path,
		Strict:              true, // oapi-codegen's own default
		AllowRemoteRefsFrom: cfg.AllowRemoteRefsFrom,
	}
	if s := cfg.OutputOptions.Overlay.Strict; s != nil {
		opts.Strict = *s
	}
	spec, err := util.LoadSwaggerWithOverlay(specPath, opts)
	if err != nil {
		return fmt.Errorf("oapi-codegen: load %s: %w", specPath, err)
	}
	generateMu.Lock()
	code, err := codegen.Generate(spec, cfg)
	generateMu.Unlock()
	if err != nil {
		return fmt.Errorf("oapi-codegen: generate %s: %w", specPath, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, cfg.PackageName+".gen.go"), []byte(code), 0o644)
}
