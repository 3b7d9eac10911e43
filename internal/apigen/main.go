// Command apigen writes, into one generated client package, the two files
// that describe it to its users, after oapi-codegen, bindproject and loopgen
// have run:
//
//   - doc.gen.go: the package doc, from the spec: the API and its version,
//     the vendor document and its edition (info.x-source name, edition and
//     document), the constructor users get the client from, and the
//     operations by document section with their English summaries;
//   - api.gen.go: API, an interface with every exported method of the client
//     users get (*ProjectClient where the package has one, Huawei;
//     *ClientWithResponses otherwise): operations, paginators and waiters,
//     read from the generated Go so it follows their names and types exactly,
//     and a compile-time assertion that the client implements it.
//
// One API interface per package (not one interface per operation, as
// aws-sdk-go-v2's XxxAPIClient): code under test takes the one value it is
// given, and a fake embeds API and overrides only the methods the code calls.
//
//	go run ./internal/apigen -spec specs/huaweicloud/dcs-v2.yaml -dir gen/huaweicloud/dcsv2 -new huaweicloud.NewDCSV2
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cachesdk/cachesdk/internal/gocomment"

	"gopkg.in/yaml.v3"
)

func main() {
	spec := flag.String("spec", "", "the spec (YAML) the package was generated from")
	dir := flag.String("dir", "", "the generated package's directory")
	newFn := flag.String("new", "", "the constructor users get the client from, e.g. huaweicloud.NewDCSV2")
	example := flag.String("example", "", "the method the API doc shows a fake of (default: the first operation by name)")
	flag.Parse()
	if err := run(*spec, *dir, *newFn, *example); err != nil {
		fmt.Fprintln(os.Stderr, "apigen:", err)
		os.Exit(1)
	}
}

// info is what the package doc says of the spec.
type info struct {
	Title   string
	Version string
	Name    string // the document's name (info.x-source.name)
	Edition string // its edition (info.x-source.edition)
	File    string // the seed file (info.x-source.document)
	Seed    string // "003"
	Ops     []op
}

type op struct {
	ID, Summary, Section string
}

func loadSpec(path string) (*info, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Info struct {
			Title   string            `yaml:"title"`
			Version string            `yaml:"version"`
			Source  map[string]string `yaml:"x-source"`
		} `yaml:"info"`
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	in := &info{Title: doc.Info.Title, Version: doc.Info.Version, Name: doc.Info.Source["name"],
		Edition: doc.Info.Source["edition"], File: doc.Info.Source["document"]}
	in.Seed, _, _ = strings.Cut(in.File, "_")
	for key, v := range map[string]string{"info.title": in.Title, "info.x-source.name": in.Name,
		"info.x-source.edition": in.Edition, "info.x-source.document": in.File} {
		if v == "" {
			return nil, fmt.Errorf("%s: %s is required", path, key)
		}
	}
	for p, item := range doc.Paths {
		for method, n := range item {
			if method == "parameters" {
				continue
			}
			var o struct {
				ID      string `yaml:"operationId"`
				Summary string `yaml:"summary"`
				Section string `yaml:"x-doc-section"`
			}
			if err := n.Decode(&o); err != nil {
				return nil, fmt.Errorf("%s: %s %s: %w", path, method, p, err)
			}
			if o.Summary == "" || o.Section == "" {
				return nil, fmt.Errorf("%s: %s: a summary and an x-doc-section are required (specs/README.md)", path, o.ID)
			}
			in.Ops = append(in.Ops, op(o))
		}
	}
	sort.Slice(in.Ops, func(i, j int) bool { return sectionLess(in.Ops[i].Section, in.Ops[j].Section) })
	return in, nil
}

// sectionLess orders "4.1.10" after "4.1.2" and "10.DescribeRedisConfig"
// after "9.DeleteBackup": numbers numerically, the rest as text.
func sectionLess(a, b string) bool {
	as, bs := strings.FieldsFunc(a, isDot), strings.FieldsFunc(b, isDot)
	for i := 0; i < len(as) && i < len(bs); i++ {
		if as[i] == bs[i] {
			continue
		}
		an, aErr := strconv.Atoi(as[i])
		bn, bErr := strconv.Atoi(bs[i])
		if aErr == nil && bErr == nil {
			return an < bn
		}
		return as[i] < bs[i]
	}
	return len(as) < len(bs)
}

func isDot(r rune) bool { return r == '.' }

// method is one exported method of the client users get.
type method struct {
	name string
	doc  string // the first paragraph of its doc comment
	sig  string // its signature, as in an interface
}

// pkg is what apigen reads of the generated Go.
type pkg struct {
	name    string
	recv    string // "ProjectClient" or "ClientWithResponses"
	methods []method
	imports map[string]string // package name used in a signature -> import path
}

func loadPkg(dir string) (*pkg, error) {
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var parsed []*ast.File
	p := &pkg{recv: "ClientWithResponses", imports: map[string]string{}}
	for _, f := range files {
		base := filepath.Base(f)
		if strings.HasSuffix(base, "_test.go") || base == "api.gen.go" || base == "doc.gen.go" {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		p.name = af.Name.Name
		parsed = append(parsed, af)
		for _, d := range af.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
				for _, s := range g.Specs {
					if s.(*ast.TypeSpec).Name.Name == "ProjectClient" {
						p.recv = "ProjectClient"
					}
				}
			}
		}
	}
	if p.name == "" {
		return nil, fmt.Errorf("%s: no Go files", dir)
	}
	for _, af := range parsed {
		imports := map[string]string{}
		for _, im := range af.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			name := path[strings.LastIndex(path, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			imports[name] = path
		}
		for _, d := range af.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			if id, ok := star.X.(*ast.Ident); !ok || id.Name != p.recv {
				continue
			}
			var sig bytes.Buffer
			if err := printer.Fprint(&sig, fset, fn.Type); err != nil {
				return nil, err
			}
			ast.Inspect(fn.Type, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok {
						p.imports[x.Name] = imports[x.Name]
					}
				}
				return true
			})
			doc, _, _ := strings.Cut(fn.Doc.Text(), "\n\n")
			p.methods = append(p.methods, method{name: fn.Name.Name, doc: strings.TrimSpace(doc),
				sig: strings.TrimPrefix(sig.String(), "func")})
		}
	}
	if len(p.methods) == 0 {
		return nil, fmt.Errorf("%s: no exported methods on *%s", dir, p.recv)
	}
	sort.Slice(p.methods, func(i, j int) bool { return p.methods[i].name < p.methods[j].name })
	return p, nil
}

func run(specPath, dir, newFn, example string) error {
	if specPath == "" || dir == "" || newFn == "" {
		return fmt.Errorf("-spec, -dir and -new are required")
	}
	in, err := loadSpec(specPath)
	if err != nil {
		return err
	}
	p, err := loadPkg(dir)
	if err != nil {
		return err
	}
	if err := write(filepath.Join(dir, "doc.gen.go"), docFile(in, p, specPath, newFn)); err != nil {
		return err
	}
	ex, err := p.example(example)
	if err != nil {
		return err
	}
	return write(filepath.Join(dir, "api.gen.go"), apiFile(in, p, newFn, ex))
}

func write(path string, src []byte) error {
	out, err := format.Source(src)
	if err != nil {
		return fmt.Errorf("%s: %w\n%s", path, err, src)
	}
	return os.WriteFile(path, out, 0o644)
}

// suffix is what a method adds to its operationId on the client users get.
func (p *pkg) suffix() string {
	if p.recv == "ProjectClient" {
		return ""
	}
	return "WithResponse"
}

func docFile(in *info, p *pkg, specPath, newFn string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/apigen from %s; DO NOT EDIT.\n\n", filepath.ToSlash(specPath))
	text := fmt.Sprintf("Package %s is the typed client of the %s (API version %s), generated by oapi-codegen from %s.",
		p.name, in.Title, in.Version, filepath.ToSlash(specPath))
	b.WriteString(wrap(text))
	b.WriteString("//\n")
	b.WriteString(wrap(fmt.Sprintf("Source document: the %s. Edition: %s. Copy transcribed: seed %s (%s). Each method's doc gives the operation's English summary; the operation's description in the spec keeps the vendor's own text and cites its section.",
		in.Name, in.Edition, in.Seed, in.File)))
	b.WriteString("//\n")
	b.WriteString(wrap(fmt.Sprintf("Get a client from %s: a *%s whose requests are signed, retried and turned into typed errors (see that package). Code that calls the API should take an API, the interface *%s implements, so its tests can pass a fake: a struct embedding API that overrides the methods the code calls, or the real client pointed at a fake server (package github.com/cachesdk/cachesdk/fake).",
		newFn, p.recv, p.recv)))
	b.WriteString("//\n")
	b.WriteString(wrap(fmt.Sprintf("Operations, in the order of the document (method of *%s, document section: summary):", p.recv)))
	b.WriteString("//\n")
	for _, o := range in.Ops {
		line := wrap(fmt.Sprintf("%s%s (%s): %s", o.ID, p.suffix(), o.Section, o.Summary))
		line = "//   - " + strings.TrimPrefix(strings.ReplaceAll(line, "\n// ", "\n//     "), "// ")
		b.WriteString(line)
	}
	fmt.Fprintf(&b, "package %s\n", p.name)
	return b.Bytes()
}

func apiFile(in *info, p *pkg, newFn string, ex method) []byte {
	ops := map[string]op{}
	for _, o := range in.Ops {
		ops[o.ID] = o
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/apigen from the methods of *%s; DO NOT EDIT.\n\n", p.recv)
	fmt.Fprintf(&b, "package %s\n\n", p.name)
	var std, other []string
	for _, path := range p.imports {
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			other = append(other, strconv.Quote(path))
		} else {
			std = append(std, strconv.Quote(path))
		}
	}
	sort.Strings(std)
	sort.Strings(other)
	fmt.Fprintf(&b, "import (\n%s\n\n%s\n)\n\n", strings.Join(std, "\n"), strings.Join(other, "\n"))
	b.WriteString(wrap(fmt.Sprintf("API is every exported method of *%s, the client %s returns: one method per operation (and its ...WithBody variant, taking a raw body), the paginators (...Pages, ...Items) and the waiters (Wait...). Take an API where your code calls the service, and give it a fake in tests:",
		p.recv, newFn)))
	fmt.Fprintf(&b, "//\n//\ttype fake struct {\n//\t\t%s.API // methods not overridden panic: the embedded API is nil\n//\t}\n//\n//\tfunc (fake) %s%s {\n//\t\t...\n//\t}\n//\n",
		p.name, ex.name, qualify(ex.sig, p.name))
	if p.recv == "ClientWithResponses" {
		b.WriteString(wrap("The raw-HTTP methods *ClientWithResponses promotes from its embedded ClientInterface (returning *http.Response) are not in API; ClientInterface is their interface."))
		b.WriteString("//\n")
	}
	b.WriteString(wrap("A fake that embeds API keeps compiling when the spec adds operations. The paginators and waiters of such a fake do not call its overridden operations: override them too, or run the real client against package github.com/cachesdk/cachesdk/fake."))
	b.WriteString("type API interface {\n")
	for i, m := range p.methods {
		if i > 0 {
			b.WriteString("\n")
		}
		doc := m.doc
		opID := strings.TrimSuffix(strings.TrimSuffix(m.name, p.suffix()), "WithBody")
		if o, ok := ops[opID]; ok && strings.HasSuffix(m.name, p.suffix()) {
			doc = opComment(m.name, o, in.Seed)
		}
		if doc != "" {
			b.WriteString(indentComment(wrap(doc)))
		}
		fmt.Fprintf(&b, "\t%s%s\n", m.name, m.sig)
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(&b, "// *%s implements API.\nvar _ API = (*%s)(nil)\n", p.recv, p.recv)
	return b.Bytes()
}

// opComment is the doc of method name, operation o: its summary as a
// sentence about name, with the document section (as bindproject writes it).
func opComment(name string, o op, seed string) string {
	s := strings.TrimSuffix(strings.TrimSpace(o.Summary), ".")
	r, size := utf8.DecodeRuneInString(s)
	text := fmt.Sprintf("%s %s%s (seed %s section %s).", name, string(unicode.ToLower(r)), s[size:], seed, o.Section)
	if strings.Contains(name, o.ID+"WithBody") {
		text += " It takes a raw body of type contentType."
	}
	return text
}

// example is the method the API doc shows a fake of: name, or else the
// first operation (not a raw-body variant, paginator or waiter) by name.
func (p *pkg) example(name string) (method, error) {
	if name != "" {
		for _, m := range p.methods {
			if m.name == name {
				return m, nil
			}
		}
		return method{}, fmt.Errorf("-example %s: no such method on *%s", name, p.recv)
	}
	for _, m := range p.methods {
		if strings.HasSuffix(m.name, p.suffix()) && !strings.Contains(m.name, "WithBody") &&
			!strings.HasPrefix(m.name, "Wait") && !strings.HasSuffix(m.name, "Pages") && !strings.HasSuffix(m.name, "Items") {
			return m, nil
		}
	}
	return p.methods[0], nil
}

// qualify prefixes the package's own exported type names in sig with pkgName,
// as a caller outside the package writes them.
func qualify(sig, pkgName string) string {
	expr, err := parser.ParseExpr("func" + sig)
	if err != nil {
		return sig
	}
	ast.Inspect(expr, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			return false // another package's name
		case *ast.Field:
			ast.Inspect(n.Type, func(m ast.Node) bool {
				if _, ok := m.(*ast.SelectorExpr); ok {
					return false // another package's name
				}
				if id, ok := m.(*ast.Ident); ok && id.IsExported() {
					id.Name = pkgName + "." + id.Name
				}
				return true
			})
			return false
		}
		return true
	})
	var b bytes.Buffer
	printer.Fprint(&b, token.NewFileSet(), expr)
	return strings.TrimPrefix(b.String(), "func")
}

// wrap breaks text into // comment lines of at most 80 columns.
func wrap(text string) string { return gocomment.Wrap(text, 80) }

func indentComment(c string) string {
	return "\t" + strings.ReplaceAll(strings.TrimSuffix(c, "\n"), "\n", "\n\t") + "\n"
}
