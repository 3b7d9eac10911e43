package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The generated list shows each decision's witnesses and lists every field a
// spec knows from a witness (x-source), parameters by name; info.x-source
// (the document, a mapping) is not a field.
func TestWitnessesAndSources(t *testing.T) {
	dir := t.TempDir()
	spec := `openapi: 3.0.3
info:
  title: t
  version: "1"
  x-source: {document: seed.txt}
paths:
  /x:
    get:
      parameters:
        - name: GroupId
          in: query
          schema: {type: string}
          x-source: "vendor/page abc123 (GroupId)"
components:
  schemas:
    Thing:
      type: object
      properties:
        Cpu:
          type: integer
          x-source: "vendor/sdk v1 models.go (Cpu *int)"
        Size:
          type: integer
          x-errata:
            - id: T-001
              where: seed line 1
              table: "Size string"
              example: "Size: 1"
              witnesses: "vendor/sdk v1 (Size *int); vendor/page abc123"
              decision: integer
`
	if err := os.MkdirAll(filepath.Join(dir, "v"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "v", "t.yaml"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "ERRATA.md")
	if err := run(dir, out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{
		"1 decisions recorded, 1 of them with named witnesses.",
		"| T-001 | v/t.yaml | `/components/schemas/Thing/properties/Size` | seed line 1 | Size string | Size: 1 | vendor/sdk v1 (Size *int); vendor/page abc123 | integer |",
		"## Fields known from witnesses, not the document (2)",
		"| v/t.yaml | `/paths/~1x/get/parameters/0 (GroupId)` | vendor/page abc123 (GroupId) |",
		"| v/t.yaml | `/components/schemas/Thing/properties/Cpu` | vendor/sdk v1 models.go (Cpu *int) |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("ERRATA.md lacks %q; got:\n%s", want, got)
		}
	}
	if strings.Contains(got, "seed.txt") {
		t.Errorf("info.x-source listed as a field:\n%s", got)
	}
}
