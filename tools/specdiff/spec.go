package main

import (
	"fmt"
	"os"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"
)

// SpecDiff is the wire-level comparison: every change oasdiff's checker rules
// find, down to INFO, each with oasdiff's own verdict.
type SpecDiff struct {
	Breaking int          `json:"breaking"`
	Changes  []SpecChange `json:"changes"`
}

// SpecChange is one oasdiff finding. ID is the checker rule
// (e.g. "response-property-removed"); Level is error, warning or info, and
// error and warning are breaking for a client (oasdiff's IsBreaking).
type SpecChange struct {
	ID          string `json:"id"`
	Level       string `json:"level"`
	Breaking    bool   `json:"breaking"`
	Operation   string `json:"operation,omitempty"`
	Path        string `json:"path,omitempty"`
	OperationID string `json:"operationId,omitempty"`
	Text        string `json:"text"`
}

func diffSpecs(oldPath, newPath string) (*SpecDiff, error) {
	s1, err := loadSpec(oldPath)
	if err != nil {
		return nil, err
	}
	s2, err := loadSpec(newPath)
	if err != nil {
		return nil, err
	}
	d, sources, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(), s1, s2)
	if err != nil {
		return nil, fmt.Errorf("diff %s → %s: %w", oldPath, newPath, err)
	}
	changes := checker.CheckBackwardCompatibilityUntilLevel(checkerConfig(), d, sources, checker.INFO)

	l := checker.NewDefaultLocalizer()
	out := &SpecDiff{Changes: []SpecChange{}}
	for _, c := range changes {
		sc := SpecChange{
			ID:          c.GetId(),
			Level:       c.GetLevel().String(),
			Breaking:    c.IsBreaking(),
			Operation:   c.GetOperation(),
			Path:        c.GetPath(),
			OperationID: c.GetOperationId(),
			Text:        c.GetUncolorizedText(l),
		}
		if sc.Breaking {
			out.Breaking++
		}
		out.Changes = append(out.Changes, sc)
	}
	// Breaking first, then by place, so the text report reads top-down.
	sort.SliceStable(out.Changes, func(i, j int) bool {
		a, b := out.Changes[i], out.Changes[j]
		if a.Breaking != b.Breaking {
			return a.Breaking
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Operation != b.Operation {
			return a.Operation < b.Operation
		}
		return a.Text < b.Text
	})
	return out, nil
}

// severityOverrides is this project's one change to oasdiff's rule levels.
// oasdiff rates removing an optional response property INFO (a client must
// cope with it being absent anyway). In these specs every response field is
// optional, because the vendors' documents never say which fields are always
// sent, so under that default no response field could ever be removed
// "breakingly". For a client of the SDK the field vanishes from the generated
// struct and its data stops coming: rated WARN, like oasdiff's own
// request-property-removed, which makes it breaking.
var severityOverrides = map[string]checker.Level{
	checker.ResponseOptionalPropertyRemovedId: checker.WARN,
}

func checkerConfig() *checker.Config {
	return checker.NewConfig(checker.GetAllChecks(), checker.WithSeverityLevels(severityOverrides))
}

// loadSpec reads the file itself (rather than load.NewSource) so that a path
// containing a colon is never taken for a git revision, and refuses external
// references: the specs are self-contained and the tool must not fetch.
// allOf is flattened so that a field added inside an envelope's allOf is
// reported as that property, not as "allOf subschema changed".
func loadSpec(path string) (*load.SpecInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	loader := openapi3.NewLoader() // one per spec: the loader caches by path
	loader.IsExternalRefsAllowed = false
	spec, err := load.NewSpecInfoFromData(loader, data, path, load.WithFlattenAllOf())
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return spec, nil
}
