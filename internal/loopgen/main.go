// Command loopgen writes the paginators and waiters of one generated client
// from its spec's x-paginator and x-waiters declarations (specs/README.md,
// "Paginators and waiters"), so no caller hand-writes an offset loop or a
// polling loop. It reads the generated Go as bindproject does, so the code
// it writes follows oapi-codegen's names and types exactly.
//
//	go run ./internal/loopgen -spec specs/huaweicloud/dcs-v2.yaml -dir gen/huaweicloud/dcsv2
//
// Methods go on the client users get: ProjectClient where the package has
// one (Huawei), ClientWithResponses otherwise.
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
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cachesdk/cachesdk/internal/gocomment"

	"gopkg.in/yaml.v3"
)

func main() {
	spec := flag.String("spec", "", "the spec (YAML)")
	dir := flag.String("dir", "", "the generated package's directory")
	flag.Parse()
	if err := run(*spec, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "loopgen:", err)
		os.Exit(1)
	}
}

// Paginator is an operation's x-paginator.
type Paginator struct {
	Offset string `yaml:"offset"` // query parameter carrying the offset
	Limit  string `yaml:"limit"`  // query parameter carrying the page size
	Mode   string `yaml:"mode"`   // "offset" (item index, default) or "page" (page number)
	Base   int    `yaml:"base"`   // the first offset: 0 (default) or 1
	Items  string `yaml:"items"`  // the 200 body's property holding the items
	Total  string `yaml:"total"`  // the 200 body's property holding the total (optional)
	Key    string `yaml:"key"`    // the item's property holding its id (optional: a repeated id stops the walk)
}

// Waiter is one entry of an operation's x-waiters.
type Waiter struct {
	Summary  string            `yaml:"summary"`
	Args     []string          `yaml:"args"`     // extra string arguments of the Wait function
	Params   map[string]string `yaml:"params"`   // query parameter -> arg (or a literal number) filling it
	Body     map[string]string `yaml:"body"`     // request body property -> arg filling it
	List     string            `yaml:"list"`     // an array property of the 200 body to search (optional)
	Match    map[string]string `yaml:"match"`    // list element property -> arg it must equal
	State    string            `yaml:"state"`    // the property (of the body, or of the element) holding the state
	Success  []string          `yaml:"success"`  // states that end the wait
	Failure  []string          `yaml:"failure"`  // states that end it with an error
	Pending  []string          `yaml:"pending"`  // states to keep waiting on
	NotFound string            `yaml:"notFound"` // success | failure (default) | pending
	Codes    []string          `yaml:"notFoundCodes"`
	MinDelay string            `yaml:"minDelay"`
	MaxDelay string            `yaml:"maxDelay"`
	MaxWait  string            `yaml:"maxWait"`
}

type operation struct {
	ID        string
	Paginator *Paginator
	Waiters   map[string]Waiter
}

func loadSpec(path string) ([]operation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var ops []operation
	for _, item := range doc.Paths {
		for method, n := range item {
			if method == "parameters" {
				continue
			}
			var op struct {
				ID        string            `yaml:"operationId"`
				Paginator *Paginator        `yaml:"x-paginator"`
				Waiters   map[string]Waiter `yaml:"x-waiters"`
			}
			if err := n.Decode(&op); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", path, method, err)
			}
			if op.Paginator != nil || len(op.Waiters) > 0 {
				ops = append(ops, operation{ID: op.ID, Paginator: op.Paginator, Waiters: op.Waiters})
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].ID < ops[j].ID })
	return ops, nil
}

// pkg is what loopgen knows of the generated package.
type pkg struct {
	fset    *token.FileSet
	name    string
	types   map[string]*ast.TypeSpec
	methods map[string]*ast.FuncDecl // on the receiver users get
	recv    string                   // "ProjectClient" or "ClientWithResponses"
	suffix  string                   // "" on ProjectClient, "WithResponse" otherwise
}

func loadPkg(dir string) (*pkg, error) {
	p := &pkg{fset: token.NewFileSet(), types: map[string]*ast.TypeSpec{}, methods: map[string]*ast.FuncDecl{}}
	files, err := filepath.Glob(filepath.Join(dir, "*.gen.go"))
	if err != nil {
		return nil, err
	}
	var parsed []*ast.File
	for _, f := range files {
		if b := filepath.Base(f); b == "paginators.gen.go" || b == "waiters.gen.go" {
			continue
		}
		af, err := parser.ParseFile(p.fset, f, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		parsed = append(parsed, af)
		p.name = af.Name.Name
		for _, d := range af.Decls {
			if g, ok := d.(*ast.GenDecl); ok {
				for _, s := range g.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						p.types[ts.Name.Name] = ts
					}
				}
			}
		}
	}
	p.recv, p.suffix = "ClientWithResponses", "WithResponse"
	if _, ok := p.types["ProjectClient"]; ok {
		p.recv, p.suffix = "ProjectClient", ""
	}
	for _, af := range parsed {
		for _, d := range af.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && p.expr(fn.Recv.List[0].Type) == "*"+p.recv {
				p.methods[fn.Name.Name] = fn
			}
		}
	}
	return p, nil
}

func (p *pkg) expr(e ast.Expr) string {
	var b bytes.Buffer
	_ = printer.Fprint(&b, p.fset, e)
	return b.String()
}

// field finds the field of struct type typ whose tag key (json or form) is name.
func (p *pkg) field(typ, key, name string) (*ast.Field, error) {
	ts, ok := p.types[typ]
	if !ok {
		return nil, fmt.Errorf("type %s not found", typ)
	}
	st, ok := ts.Type.(*ast.StructType)
	if id, isIdent := ts.Type.(*ast.Ident); !ok && isIdent && p.types[id.Name] != nil {
		return p.field(id.Name, key, name) // an alias or a defined type of a struct
	}
	if !ok {
		return nil, fmt.Errorf("type %s is not a struct", typ)
	}
	for _, f := range st.Fields.List {
		if f.Tag == nil || len(f.Names) == 0 {
			continue
		}
		tag := reflect.StructTag(strings.Trim(f.Tag.Value, "`")).Get(key)
		if strings.Split(tag, ",")[0] == name {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%s has no field %s:%q", typ, key, name)
}

// call describes how to call an operation on the receiver.
type call struct {
	method  string
	params  []string // the method's parameters after ctx, as "name type"
	args    []string // their names
	paramsT string   // the params struct type, "" if none
	bodyT   string   // the JSON request body type, "" if none
	resp    string   // *XxxResponse
	body    string   // the JSON200 struct type
}

func (p *pkg) call(op string) (*call, error) {
	fn, ok := p.methods[op+p.suffix]
	if !ok {
		return nil, fmt.Errorf("%s has no method %s", p.recv, op+p.suffix)
	}
	c := &call{method: fn.Name.Name, resp: p.expr(fn.Type.Results.List[0].Type)}
	for i, f := range fn.Type.Params.List {
		t := p.expr(f.Type)
		for _, n := range f.Names {
			if i == 0 || strings.HasPrefix(t, "...") {
				continue // ctx, reqEditors
			}
			if t == "*"+op+"Params" {
				c.paramsT = op + "Params"
				continue
			}
			if n.Name == "body" && t == op+"JSONRequestBody" {
				c.bodyT = t
				continue
			}
			c.params = append(c.params, n.Name+" "+t)
			c.args = append(c.args, n.Name)
		}
	}
	ts := p.types[strings.TrimPrefix(c.resp, "*")]
	if ts == nil {
		return nil, fmt.Errorf("type %s not found", c.resp)
	}
	for _, f := range ts.Type.(*ast.StructType).Fields.List {
		if len(f.Names) == 1 && f.Names[0].Name == "JSON200" {
			c.body = strings.TrimPrefix(p.expr(f.Type), "*")
		}
	}
	if c.body == "" {
		return nil, fmt.Errorf("%s has no JSON200", c.resp)
	}
	return c, nil
}

// value is a Go expression and its type, read from a pointer-or-not field.
type value struct {
	expr  string // e.g. "r.JSON200.Instances"
	typ   string // e.g. "*[]InstanceListInfo"
	field string // Go field name
}

// array reads property name of struct type typ as an array: the value, its
// element type and the expression to range over (dereferenced).
func (p *pkg) array(typ, name, base string) (v value, elem, rangeExpr string, err error) {
	if v, err = p.prop(typ, name, base); err != nil {
		return v, "", "", err
	}
	t := strings.TrimPrefix(v.typ, "*")
	if !strings.HasPrefix(t, "[]") {
		return v, "", "", fmt.Errorf("%s has type %s: want an array", name, v.typ)
	}
	rangeExpr = v.expr
	if strings.HasPrefix(v.typ, "*") {
		rangeExpr = "*" + v.expr
	}
	return v, strings.TrimPrefix(t, "[]"), rangeExpr, nil
}

func (p *pkg) prop(typ, name, base string) (value, error) {
	f, err := p.field(typ, "json", name)
	if err != nil {
		return value{}, err
	}
	return value{expr: base + "." + f.Names[0].Name, typ: p.expr(f.Type), field: f.Names[0].Name}, nil
}

func run(specPath, dir string) error {
	ops, err := loadSpec(specPath)
	if err != nil {
		return err
	}
	p, err := loadPkg(dir)
	if err != nil {
		return err
	}
	var pg, wt bytes.Buffer
	header := func(b *bytes.Buffer, what string, imports ...string) {
		fmt.Fprintf(b, "// Code generated by internal/loopgen from %s; DO NOT EDIT.\n\n", filepath.ToSlash(specPath))
		fmt.Fprintf(b, "package %s\n\nimport (\n", p.name)
		sep := false
		for _, i := range imports {
			if strings.Contains(i, ".") && !sep {
				b.WriteString("\n")
				sep = true
			}
			fmt.Fprintf(b, "\t%q\n", i)
		}
		b.WriteString(")\n\n")
		_ = what
	}
	header(&pg, "paginators", "context", "errors", "iter", "strconv", "github.com/cachesdk/cachesdk/paginator")
	header(&wt, "waiters", "context", "errors", "time", "github.com/cachesdk/cachesdk/apierror", "github.com/cachesdk/cachesdk/waiter")
	np, nw := 0, 0
	for _, op := range ops {
		if op.Paginator != nil {
			if err := p.paginator(&pg, op.ID, *op.Paginator); err != nil {
				return fmt.Errorf("%s: x-paginator: %w", op.ID, err)
			}
			np++
		}
		names := make([]string, 0, len(op.Waiters))
		for n := range op.Waiters {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if err := p.waiter(&wt, op.ID, n, op.Waiters[n]); err != nil {
				return fmt.Errorf("%s: x-waiters.%s: %w", op.ID, n, err)
			}
			nw++
		}
	}
	if nw > 0 {
		wt.WriteString(notFoundFunc)
	}
	if np > 0 {
		pg.WriteString("\nvar _ = strconv.Itoa // not every package has an integer key\n")
	}
	for _, out := range []struct {
		name string
		b    *bytes.Buffer
		n    int
	}{{"paginators.gen.go", &pg, np}, {"waiters.gen.go", &wt, nw}} {
		path := filepath.Join(dir, out.name)
		if out.n == 0 {
			_ = os.Remove(path)
			continue
		}
		src, err := format.Source(out.b.Bytes())
		if err != nil {
			return fmt.Errorf("%s: %w\n%s", out.name, err, out.b.String())
		}
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

const notFoundFunc = `
// notFound reports whether err says the resource does not exist: one of
// the vendor codes given (the spec's notFoundCodes) or, when none is
// given, an HTTP 404 that carries a vendor error code (the API itself
// answered). A 404 of another kind (a gateway's "no such API", a proxy's
// HTML page) is never taken for the resource's absence.
func notFound(err error, codes ...string) bool {
	var e *apierror.Error
	if !errors.As(err, &e) {
		return false
	}
	if len(codes) == 0 {
		return e.StatusCode == 404 && e.Code != ""
	}
	for _, c := range codes {
		if e.Code == c {
			return true
		}
	}
	return false
}

var _ = time.Second
`

// intOf returns an expression converting v (of Go type typ, maybe a pointer)
// to (int, bool).
func intOf(v value) (string, error) {
	t := strings.TrimPrefix(v.typ, "*")
	ptr := strings.HasPrefix(v.typ, "*")
	deref := v.expr
	if ptr {
		deref = "*" + v.expr
	}
	var conv string
	switch t {
	case "int", "int32", "int64", "float32", "float64":
		conv = fmt.Sprintf("return int(%s), true", deref)
	case "flex.String":
		conv = fmt.Sprintf("n, err := %s.Int64()\n\t\treturn int(n), err == nil", v.expr)
	default:
		return "", fmt.Errorf("total %s has type %s: want an integer", v.field, v.typ)
	}
	if ptr {
		return fmt.Sprintf("if %s == nil {\n\t\treturn 0, false\n\t}\n\t%s", v.expr, conv), nil
	}
	return conv, nil
}

func (p *pkg) paginator(b *bytes.Buffer, op string, d Paginator) error {
	c, err := p.call(op)
	if err != nil {
		return err
	}
	if c.paramsT == "" || c.bodyT != "" {
		return fmt.Errorf("the operation must take query parameters and no body")
	}
	off, err := p.field(c.paramsT, "form", d.Offset)
	if err != nil {
		return err
	}
	lim, err := p.field(c.paramsT, "form", d.Limit)
	if err != nil {
		return err
	}
	offT, limT := p.expr(off.Type), p.expr(lim.Type)
	if !strings.HasPrefix(offT, "*") || !strings.HasPrefix(limT, "*") {
		return fmt.Errorf("offset %s and limit %s must be optional (pointers)", offT, limT)
	}
	items, item, itemsExpr, err := p.array(c.body, d.Items, "r.JSON200")
	if err != nil {
		return fmt.Errorf("items: %w", err)
	}
	mode, base := "paginator.Offset", d.Base
	switch d.Mode {
	case "", "offset":
	case "page":
		mode = "paginator.PageNumber"
	default:
		return fmt.Errorf("mode %q: want offset or page", d.Mode)
	}
	total := "nil"
	if d.Total != "" {
		tv, err := p.prop(c.body, d.Total, "r.JSON200")
		if err != nil {
			return err
		}
		conv, err := intOf(tv)
		if err != nil {
			return err
		}
		total = fmt.Sprintf("func(r %s) (int, bool) {\n\tif r == nil || r.JSON200 == nil {\n\t\treturn 0, false\n\t}\n\t%s\n}", c.resp, conv)
	}
	key := "nil"
	if d.Key != "" {
		kv, err := p.prop(item, d.Key, "it")
		if err != nil {
			return fmt.Errorf("key: %w", err)
		}
		get, err := keyOf(kv)
		if err != nil {
			return fmt.Errorf("key: %w", err)
		}
		key = fmt.Sprintf("func(it *%s) (string, bool) {\n%s\n}", item, get)
	}
	sig := strings.Join(append(append([]string{"ctx context.Context"}, c.params...), "params *"+c.paramsT), ", ")
	args := strings.Join(append(append([]string{"ctx"}, c.args...), "&p"), ", ")
	offName, limName := off.Names[0].Name, lim.Names[0].Name
	offElem := strings.TrimPrefix(offT, "*")
	limElem := strings.TrimPrefix(limT, "*")
	fmt.Fprint(b, comment(fmt.Sprintf("%[1]sPages returns an iterator over the pages of %[1]s: the responses, for callers that need the totals. It keeps params (filters, page size %[2]s) and sets %[3]s itself, starting from params.%[3]s when set; it stops on the declared total, a short page or an empty page, and yields a *paginator.Error wrapping paginator.ErrOffsetIgnored when the server answers the same page twice. ctx bounds the whole walk. Declared by the spec's x-paginator of %[1]s.", op, lim.Names[0].Name, off.Names[0].Name)))
	fmt.Fprintf(b, `func (c *%[4]s) %[1]sPages(%[5]s) iter.Seq2[%[6]s, error] {
	return paginator.Pages(ctx, c.%[7]sPaginator(%[8]s))
}

%[20]sfunc (c *%[4]s) %[1]sItems(%[5]s) iter.Seq2[*%[9]s, error] {
	return paginator.Items(ctx, c.%[7]sPaginator(%[8]s))
}

func (c *%[4]s) %[7]sPaginator(%[5]s) paginator.Spec[%[6]s, %[9]s] {
	var base %[10]s
	if params != nil {
		base = *params
	}
	s := paginator.Spec[%[6]s, %[9]s]{
		Operation: %[11]q,
		Mode:      %[12]s,
		Base:      %[13]d,
		Start:     %[13]d,
		Total:     %[14]s,
		Key:       %[21]s,
		Items: func(r %[6]s) []%[9]s {
			if r == nil || r.JSON200 == nil || %[15]s == nil {
				return nil
			}
			return %[16]s
		},
	}
	if base.%[3]s != nil {
		s.Start = int(*base.%[3]s)
	}
	if base.%[2]s != nil {
		s.Limit = int(*base.%[2]s)
	}
	s.Fetch = func(ctx context.Context, offset int) (%[6]s, error) {
		p := base
		o := %[17]s(offset)
		p.%[3]s = &o
		r, err := c.%[18]s(%[19]s)
		if err == nil && (r == nil || r.JSON200 == nil) {
			err = errors.New("no result")
		}
		return r, err
	}
	return s
}

`, op, limName, offName, p.recv, sig, c.resp, lowerFirst(op), strings.Join(append(append([]string{"ctx"}, c.args...), "params"), ", "),
		item, c.paramsT, op, mode, base, total, items.expr, itemsExpr, offElem, c.method, args,
		comment(fmt.Sprintf("%[1]sItems returns an iterator over every item of every page of %[1]s, each a pointer into its page (%[1]sPages tells how the walk goes); break out of the loop to stop early.", op)), key)
	_ = limElem
	return nil
}

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

func dur(s string) (string, error) {
	if s == "" {
		return "0", nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return "", err
	}
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%d * time.Hour", d/time.Hour), nil
	case d%time.Minute == 0:
		return fmt.Sprintf("%d * time.Minute", d/time.Minute), nil
	case d%time.Second == 0:
		return fmt.Sprintf("%d * time.Second", d/time.Second), nil
	}
	return fmt.Sprintf("%d * time.Millisecond", d.Milliseconds()), nil
}

// keyOf returns statements that return (id, found) from v: a string (or a
// string-based type) as it is, an integer in base 10; absent when nil.
func keyOf(v value) (string, error) {
	t := strings.TrimPrefix(v.typ, "*")
	conv := "string(%s)"
	switch t {
	case "int", "int32", "int64":
		conv = "strconv.FormatInt(int64(%s), 10)"
	case "float32", "float64", "bool":
		return "", fmt.Errorf("%s has type %s: want a string or an integer id", v.field, v.typ)
	default:
		if strings.ContainsAny(t, "[]*.") && t != "flex.String" {
			return "", fmt.Errorf("%s has type %s: want a string or an integer id", v.field, v.typ)
		}
	}
	if strings.HasPrefix(v.typ, "*") {
		return fmt.Sprintf("if %[1]s == nil {\n\treturn \"\", false\n}\nreturn %[2]s, true", v.expr, fmt.Sprintf(conv, "*"+v.expr)), nil
	}
	return fmt.Sprintf("return %s, true", fmt.Sprintf(conv, v.expr)), nil
}

// stringOf returns statements that return (state string, found) from v.
func stringOf(v value) (string, error) {
	t := strings.TrimPrefix(v.typ, "*")
	switch {
	case strings.ContainsAny(t, "[]*.") && t != "flex.String",
		t == "int", t == "int32", t == "int64", t == "float32", t == "float64", t == "bool":
		return "", fmt.Errorf("state %s has type %s: want a string", v.field, v.typ)
	}
	if strings.HasPrefix(v.typ, "*") {
		return fmt.Sprintf("if %[1]s == nil {\n\treturn \"\", true\n}\nreturn string(*%[1]s), true", v.expr), nil
	}
	return fmt.Sprintf("return string(%s), true", v.expr), nil
}

func quoteList(xs []string) string {
	if len(xs) == 0 {
		return "nil"
	}
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}

// statePath returns statements reading the state at a dotted path of
// properties under base (of struct type typ): a nil object on the way means
// the resource is absent.
func (p *pkg) statePath(typ, path, base string) (string, error) {
	var sb strings.Builder
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		v, err := p.prop(typ, seg, base)
		if err != nil {
			return "", err
		}
		if i == len(segs)-1 {
			st, err := stringOf(v)
			if err != nil {
				return "", err
			}
			sb.WriteString(st)
			return sb.String(), nil
		}
		t := strings.TrimPrefix(v.typ, "*")
		if _, ok := p.types[t]; !ok {
			return "", fmt.Errorf("%s: %s is not an object", path, seg)
		}
		if strings.HasPrefix(v.typ, "*") {
			fmt.Fprintf(&sb, "if %s == nil {\n\treturn \"\", false\n}\n", v.expr)
		}
		typ, base = t, v.expr
	}
	return "", fmt.Errorf("empty state path")
}

func (p *pkg) waiter(b *bytes.Buffer, op, name string, w Waiter) error {
	c, err := p.call(op)
	if err != nil {
		return err
	}
	if w.State == "" || len(w.Success) == 0 && w.NotFound != "success" {
		return fmt.Errorf("needs a state and success states (or notFound: success)")
	}
	isArg := map[string]bool{}
	for _, a := range w.Args {
		if !token.IsIdentifier(a) {
			return fmt.Errorf("arg %q is not a Go identifier", a)
		}
		isArg[a] = true
	}
	var pre bytes.Buffer
	for _, a := range w.Args {
		fmt.Fprintf(&pre, "\tif %[1]s == \"\" {\n\t\treturn nil, errors.New(\"Wait%[2]s: %[1]s is empty\")\n\t}\n", a, name)
	}
	callArgs := append([]string{"ctx"}, c.args...)
	if c.paramsT != "" {
		fmt.Fprintf(&pre, "\tvar params %s\n", c.paramsT)
		keys := make([]string, 0, len(w.Params))
		for k := range w.Params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			a := w.Params[k]
			f, err := p.field(c.paramsT, "form", k)
			if err != nil {
				return err
			}
			ft := p.expr(f.Type)
			if !isArg[a] {
				if _, err := strconv.Atoi(a); err != nil {
					return fmt.Errorf("params.%s: %q is neither one of args nor a number", k, a)
				}
				// a literal: a typed local so that its address can be taken
				lit := "lit" + f.Names[0].Name
				fmt.Fprintf(&pre, "\t%s := %s(%s)\n", lit, strings.TrimPrefix(ft, "*"), a)
				a = lit
			}
			if strings.HasPrefix(ft, "*") {
				fmt.Fprintf(&pre, "\tparams.%s = &%s\n", f.Names[0].Name, a)
			} else {
				fmt.Fprintf(&pre, "\tparams.%s = %s\n", f.Names[0].Name, a)
			}
		}
		callArgs = append(callArgs, "&params")
	} else if len(w.Params) > 0 {
		return fmt.Errorf("params given but the operation has none")
	}
	if c.bodyT != "" {
		fmt.Fprintf(&pre, "\tvar body %s\n", c.bodyT)
		keys := make([]string, 0, len(w.Body))
		for k := range w.Body {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			a := w.Body[k]
			if !isArg[a] {
				return fmt.Errorf("body.%s: %q is not one of args", k, a)
			}
			f, err := p.field(c.bodyT, "json", k)
			if err != nil {
				return err
			}
			if strings.HasPrefix(p.expr(f.Type), "*") {
				fmt.Fprintf(&pre, "\tbody.%s = &%s\n", f.Names[0].Name, a)
			} else {
				fmt.Fprintf(&pre, "\tbody.%s = %s\n", f.Names[0].Name, a)
			}
		}
		callArgs = append(callArgs, "body")
	} else if len(w.Body) > 0 {
		return fmt.Errorf("body given but the operation takes none")
	}
	var state string
	if w.List == "" {
		if state, err = p.statePath(c.body, w.State, "r.JSON200"); err != nil {
			return err
		}
	} else {
		lv, elem, list, err := p.array(c.body, w.List, "r.JSON200")
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		var sb strings.Builder
		if strings.HasPrefix(lv.typ, "*") {
			fmt.Fprintf(&sb, "if %s == nil {\n\treturn \"\", false\n}\n", lv.expr)
		}
		fmt.Fprintf(&sb, "for _, e := range %s {\n", list)
		if len(w.Match) == 0 {
			return fmt.Errorf("a list needs match: which element is the resource")
		}
		keys := make([]string, 0, len(w.Match))
		for k := range w.Match {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			a := w.Match[k]
			if !isArg[a] {
				return fmt.Errorf("match.%s: %q is not one of args", k, a)
			}
			mv, err := p.prop(elem, k, "e")
			if err != nil {
				return err
			}
			if strings.HasPrefix(mv.typ, "*") {
				fmt.Fprintf(&sb, "\tif %[1]s == nil || string(*%[1]s) != %[2]s {\n\t\tcontinue\n\t}\n", mv.expr, a)
			} else {
				fmt.Fprintf(&sb, "\tif string(%s) != %s {\n\t\tcontinue\n\t}\n", mv.expr, a)
			}
		}
		sv, err := p.prop(elem, w.State, "e")
		if err != nil {
			return err
		}
		st, err := stringOf(sv)
		if err != nil {
			return err
		}
		sb.WriteString(st + "\n}\nreturn \"\", false")
		state = sb.String()
	}
	notFound := "waiter.Failure"
	switch w.NotFound {
	case "", "failure":
	case "success":
		notFound = "waiter.Success"
	case "pending":
		notFound = "waiter.Pending"
	default:
		return fmt.Errorf("notFound %q: want success, failure or pending", w.NotFound)
	}
	var delays [3]string
	for i, d := range []string{w.MinDelay, w.MaxDelay, w.MaxWait} {
		if delays[i], err = dur(d); err != nil {
			return err
		}
	}
	sig := append(append([]string{"ctx context.Context"}, c.params...), func() []string {
		var xs []string
		for _, a := range w.Args {
			xs = append(xs, a+" string")
		}
		return xs
	}()...)
	sig = append(sig, "cfg *waiter.Config")
	summary := w.Summary
	if summary == "" {
		summary = "until " + name
	}
	gone := w.NotFound == "success"
	results, ret, retErr := "("+c.resp+", error)", "return waiter.Wait(ctx, spec, cfg)", "return nil, "
	if gone {
		// the resource is gone: there is no result to return
		results, ret, retErr = "error", "_, err := waiter.Wait(ctx, spec, cfg)\n\treturn err", "return "
	}
	var doc strings.Builder
	fmt.Fprintf(&doc, "Wait%s polls %s %s.\n\n", name, op, summary)
	if gone {
		doc.WriteString("It returns nil once the resource is gone")
	} else {
		doc.WriteString("It returns the last response once the state is " + strings.Join(w.Success, " or "))
	}
	doc.WriteString(", and a *waiter.Error carrying the last state seen when")
	if len(w.Failure) > 0 {
		doc.WriteString(" a failure state (" + strings.Join(w.Failure, ", ") + ") is reached,")
	}
	if !gone {
		doc.WriteString(" the resource is not found,")
	}
	fmt.Fprintf(&doc, ` a poll fails, or the wait outlasts ctx or cfg.MaxWait. Between
polls it backs off with jitter from cfg.MinDelay to cfg.MaxDelay. cfg may
be nil: the defaults (min %s, max %s, wait %s) are the spec's
x-waiters.%s of %s.`, orDefault(w.MinDelay), orDefault(w.MaxDelay), orDefault(w.MaxWait), name, op)
	fmt.Fprintf(b, `%[1]sfunc (c *%[2]s) Wait%[3]s(%[4]s) %[5]s {
%[6]s	spec := waiter.Spec[%[7]s]{
		Name:      %[3]q,
		Operation: %[8]q,
		Poll: func(ctx context.Context) (%[7]s, error) {
			r, err := c.%[9]s(%[10]s)
			if err == nil && (r == nil || r.JSON200 == nil) {
				err = errors.New("no result")
			}
			return r, err
		},
		State: func(r %[7]s) (string, bool) {
			%[11]s
		},
		IsNotFound: func(err error) bool { return notFound(err%[12]s) },
		Success:    %[13]s,
		Failure:    %[14]s,
		Pending:    %[15]s,
		NotFound:   %[16]s,
		Defaults:   waiter.Config{MinDelay: %[17]s, MaxDelay: %[18]s, MaxWait: %[19]s},
	}
	%[20]s
}

`, comment(doc.String()), p.recv, name, strings.Join(sig, ", "), results, strings.ReplaceAll(pre.String(), "return nil, ", retErr), c.resp, op,
		c.method, strings.Join(callArgs, ", "), state, codesArg(w.Codes), quoteList(w.Success), quoteList(w.Failure), quoteList(w.Pending),
		notFound, delays[0], delays[1], delays[2], ret)
	return nil
}

// comment wraps text at 76 columns as a Go doc comment; blank lines
// separate paragraphs.
func comment(text string) string { return gocomment.Wrap(text, 76) }

func orDefault(s string) string {
	if s == "" {
		return "default"
	}
	return s
}

func codesArg(codes []string) string {
	var b strings.Builder
	for _, c := range codes {
		fmt.Fprintf(&b, ", %q", c)
	}
	return b.String()
}
