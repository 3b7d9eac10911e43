// Package templates holds the oapi-codegen template overrides (README.md).
package templates

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// changes are the only edits made to the upstream templates.
var changes = map[string][][2]string{
	"imports.tmpl": {{
		"\t\"encoding/json\"\n",
		"\tjson \"github.com/cachesdk/cachesdk/internal/jsoncodec\"\n\t\"github.com/cachesdk/cachesdk/internal/httpbody\"\n",
	}},
	"client.tmpl": {
		{
			"        var rawQueryFragments []string\n",
			"        rawQueryFragments := make([]string, 0, {{len .QueryParams}})\n",
		},
		{
			"                for _, qp := range strings.Split(queryFrag, \"&\") {\n                    rawQueryFragments = append(rawQueryFragments, qp)\n                }\n",
			"                rawQueryFragments = append(rawQueryFragments, queryFrag)\n",
		},
	},
	"client-with-responses.tmpl": {
		{
			"    bodyBytes, err := io.ReadAll(rsp.Body)\n    defer func() { _ = rsp.Body.Close() }()\n",
			"    bodyBytes, err := httpbody.Read(rsp)\n",
		},
		{"    {{genResponseUnmarshal .}}\n", parseSwitch},
	},
}

// parseSwitch replaces upstream's genResponseUnmarshal in every
// ParseXxxResponse: each documented JSON body goes through
// jsoncodec.DecodeResponse (README.md).
const parseSwitch = `    {{- /* cachesdk: one rule for every documented JSON body (jsoncodec.DecodeResponse):
    JSON recognised by the body's first byte or any-case Content-Type; a 2xx body
    missing or not JSON is an error; a decode error comes back WITH the response,
    its raw Body and whatever did decode. */}}
    {{- $defs := getResponseTypeDefinitions .}}
    {{- if $defs}}
    switch {
    {{- range .Responses}}{{if and (not .Contents) (ne .StatusCode "default")}}
    case {{getConditionOfResponseName "rsp.StatusCode" .StatusCode}}:
        // documented without a body
    {{- end}}{{end}}
    {{- range $defs}}{{if ne .ResponseName "default"}}
    case {{getConditionOfResponseName "rsp.StatusCode" .ResponseName}}:
        var dest {{.Schema.TypeDecl}}
        decoded, err := json.DecodeResponse({{$opid | toGoString}}, rsp, bodyBytes, &dest)
        if decoded {
            response.{{.TypeName}} = &dest
        }
        if err != nil {
            return response, err
        }
    {{- end}}{{end}}
    {{- range $defs}}{{if eq .ResponseName "default"}}
    default:
        var dest {{.Schema.TypeDecl}}
        decoded, err := json.DecodeResponse({{$opid | toGoString}}, rsp, bodyBytes, &dest)
        if decoded {
            response.{{.TypeName}} = &dest
        }
        if err != nil {
            return response, err
        }
    {{- end}}{{end}}
    }
    {{- end}}
`

func TestOverridesAreUpstreamPlusTheDocumentedChanges(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/oapi-codegen/oapi-codegen/v2").Output()
	require.NoError(t, err, "locating the pinned oapi-codegen")
	upstreamDir := filepath.Join(strings.TrimSpace(string(out)), "pkg", "codegen", "templates")
	for name, edits := range changes {
		upstream, err := os.ReadFile(filepath.Join(upstreamDir, name))
		require.NoError(t, err)
		want := string(upstream)
		for _, e := range edits {
			require.Equal(t, 1, strings.Count(want, e[0]), "%s: upstream text to replace moved: %q", name, e[0])
			want = strings.Replace(want, e[0], e[1], 1)
		}
		ours, err := os.ReadFile(name)
		require.NoError(t, err)
		require.Equal(t, want, string(ours), "%s differs from upstream plus the documented changes", name)
	}
}
