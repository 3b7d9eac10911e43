package main

import (
	"context"
	"fmt"
)

// Report is the outcome of one comparison; it is also the -json document.
type Report struct {
	Old      string   `json:"old"`
	New      string   `json:"new"`
	Breaking bool     `json:"breaking"`
	Spec     SpecDiff `json:"spec"`
	Go       GoDiff   `json:"go"`
}

// Compare diffs the specs at oldPath and newPath at both levels. configPath,
// when not empty, is the oapi-codegen config used to generate both sides.
func Compare(ctx context.Context, oldPath, newPath, configPath string) (*Report, error) {
	spec, err := diffSpecs(oldPath, newPath)
	if err != nil {
		return nil, err
	}
	cfg, err := loadCodegenConfig(configPath, newPath)
	if err != nil {
		return nil, err
	}
	goDiff, err := diffGoAPI(ctx, oldPath, newPath, cfg)
	if err != nil {
		return nil, fmt.Errorf("Go-level diff: %w", err)
	}
	return &Report{
		Old:      oldPath,
		New:      newPath,
		Breaking: spec.Breaking > 0 || goDiff.Breaking > 0,
		Spec:     *spec,
		Go:       *goDiff,
	}, nil
}
