package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteJSON writes the report as one indented JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteText writes the report for people: a verdict line, then each level's
// changes, breaking ones first.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	verdict := "no breaking change"
	if r.Breaking {
		verdict = "BREAKING"
	}
	fmt.Fprintf(&b, "specdiff %s → %s: %s\n", r.Old, r.New, verdict)

	fmt.Fprintf(&b, "\nspec (oasdiff): %d breaking, %d other\n", r.Spec.Breaking, len(r.Spec.Changes)-r.Spec.Breaking)
	for _, c := range r.Spec.Changes {
		where := strings.TrimSpace(c.Operation + " " + c.Path)
		if where == "" {
			where = "(components)"
		}
		fmt.Fprintf(&b, "  %-8s %-7s %s: %s [%s]\n", mark(c.Breaking), c.Level, where, c.Text, c.ID)
	}

	fmt.Fprintf(&b, "\nGo API (apidiff, package %s): %d breaking, %d other\n", r.Go.Package, r.Go.Breaking, len(r.Go.Changes)-r.Go.Breaking)
	for _, c := range r.Go.Changes {
		line := fmt.Sprintf("  %-8s %s", mark(c.Breaking), c.Message)
		if c.Note != "" {
			line += " (apidiff: incompatible; " + c.Note + ")"
		}
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mark(breaking bool) string {
	if breaking {
		return "BREAKING"
	}
	return "ok"
}
