// Command specdiff reports what changed between two versions of an OpenAPI
// spec, at two levels: the wire contract (oasdiff and its checker rules) and
// the exported Go API that oapi-codegen generates from it (apidiff). Either
// level can break a client that the other misses, so both are run.
//
//	specdiff [-json] [-config oapi-codegen.yaml] OLD.yaml NEW.yaml
//
// Exit status: 0 nothing breaking, 1 something breaking at either level,
// 2 usage, load or generation errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

const (
	exitOK       = 0
	exitBreaking = 1
	exitError    = 2
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit, so tests drive the command as users do.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("specdiff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	config := fs.String("config", "", "oapi-codegen config for the Go-level diff (default: models + client, package named after NEW's file)")
	oldLabel := fs.String("old-label", "", "name to show for OLD in the report (e.g. HEAD:specs/x.yaml when OLD is a temporary copy)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: specdiff [-json] [-config oapi-codegen.yaml] [-old-label name] OLD.yaml NEW.yaml")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return exitError
	}

	rep, err := Compare(ctx, fs.Arg(0), fs.Arg(1), *config)
	if err != nil {
		fmt.Fprintln(stderr, "specdiff:", err)
		return exitError
	}
	if *oldLabel != "" {
		rep.Old = *oldLabel
	}
	if *asJSON {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "specdiff:", err)
		return exitError
	}
	if rep.Breaking {
		return exitBreaking
	}
	return exitOK
}
