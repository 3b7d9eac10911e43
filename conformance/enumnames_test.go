package conformance

// Issue 13 item 4: status enums are typed constants in the generated
// packages, and every enum constant follows one naming rule (specs/README.md,
// rule 9):
//
//   - the constant is its type's name followed by the value's name
//     (oapi-codegen's compatibility.always-prefix-enum-values), so no bare
//     TRUE, Redis or Weekly;
//   - the value's name is CamelCase letters and digits: it starts with an
//     upper-case letter (N before a leading digit, oapi-codegen's own rule),
//     has no underscore, and spells no word in capitals (RUNNING → Running)
//     except the initialisms in initialisms below;
//   - the whole name is at most maxEnumConstLen characters.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/gen/capitalonline/memcached"
	"github.com/cachesdk/cachesdk/gen/capitalonline/redis"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv1"
	"github.com/cachesdk/cachesdk/gen/huaweicloud/dcsv2"
	"github.com/cachesdk/cachesdk/gen/ucloud/uredis"
)

// maxEnumConstLen bounds a constant's name: long enough for
// BackupRestoreErrorCodeCreateBucketFailed (40), short enough to refuse the
// 62-character names inline schemas produce
// (SetOnlineMigrationTaskInputMigrationMethodIncrementalMigration).
const maxEnumConstLen = 40

// initialisms may appear in capitals inside a value's name (three letters or
// more; two-letter ones such as HA never count as a capitalised word).
var initialisms = map[string]bool{
	"AOF": true, "RDB": true, "DCS": true, "DRAM": true, "SCM": true, "RAM": true,
	"VPC": true, "VPN": true, "CPU": true, "API": true, "URL": true, "HTTP": true,
	"HTTPS": true, "JSON": true, "UUID": true, "TCP": true, "SSL": true, "TLS": true,
}

var valueName = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
var upperRun = regexp.MustCompile(`[A-Z]{3,}`)

// enumConst is one constant of a named type declared in the same package.
type enumConst struct{ pkg, typ, name string }

// enumNameProblem says how name (a constant of type typ) breaks the rule, or
// returns "".
func enumNameProblem(typ, name string) string {
	if !strings.HasPrefix(name, typ) || len(name) == len(typ) {
		return "not prefixed by its type " + typ
	}
	if len(name) > maxEnumConstLen {
		return "longer than the limit of " + strconv.Itoa(maxEnumConstLen) + " characters (" + strconv.Itoa(len(name)) + ")"
	}
	v := name[len(typ):]
	if !valueName.MatchString(v) {
		return "value part " + v + " is not CamelCase letters and digits"
	}
	for _, loc := range upperRun.FindAllStringIndex(v, -1) {
		run := v[loc[0]:loc[1]]
		if loc[1] < len(v) && v[loc[1]] >= 'a' && v[loc[1]] <= 'z' {
			run = run[:len(run)-1] // the last capital starts the next word (DCSAbc)
		}
		if len(run) >= 3 && !initialisms[run] {
			return "value part " + v + " spells " + run + " in capitals (write it CamelCase)"
		}
	}
	return ""
}

// enumConsts parses Go source files and returns every constant whose
// declared type is a named type of the same package (oapi-codegen declares
// each enum value that way).
func enumConsts(t *testing.T, pkg string, files map[string]string) []enumConst {
	fset := token.NewFileSet()
	types := map[string]bool{}
	var consts []enumConst
	var parsed []*ast.File
	for _, name := range sortedKeys(files) {
		var src any
		if files[name] != "" {
			src = files[name]
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		require.NoError(t, err)
		parsed = append(parsed, f)
	}
	for _, f := range parsed {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range gd.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					types[s.Name.Name] = true
				case *ast.ValueSpec:
					if gd.Tok != token.CONST {
						continue
					}
					id, ok := s.Type.(*ast.Ident)
					if !ok {
						continue
					}
					for _, n := range s.Names {
						consts = append(consts, enumConst{pkg, id.Name, n.Name})
					}
				}
			}
		}
	}
	var out []enumConst
	for _, c := range consts {
		if types[c.typ] {
			out = append(out, c)
		}
	}
	return out
}

func TestEnumConstantNames(t *testing.T) {
	dirs, err := filepath.Glob("../gen/*/*")
	require.NoError(t, err)
	perPkg := map[string]int{}
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.gen.go"))
		require.NoError(t, err)
		if len(files) == 0 {
			continue
		}
		in := map[string]string{}
		for _, f := range files {
			in[f] = "" // read from disk
		}
		pkg := filepath.Base(dir)
		for _, c := range enumConsts(t, pkg, in) {
			perPkg[pkg]++
			if p := enumNameProblem(c.typ, c.name); p != "" {
				t.Errorf("%s.%s: %s (rule: specs/README.md rule 9; fix the spec's x-enum-varnames or name the enum as a component)", c.pkg, c.name, p)
			}
		}
	}
	// Every generated package has enums; a parse that finds none tests nothing.
	for _, pkg := range []string{"redis", "memcached", "uredis", "dcsv2", "dcsv1"} {
		assert.Positive(t, perPkg[pkg], "no enum constant found in %s", pkg)
	}
	t.Logf("enum constants checked: %v", perPkg)
}

// The checker refuses what oapi-codegen emits without the rule's settings.
func TestEnumConstantNamesRejects(t *testing.T) {
	src := `package p
type BackupRecordResponseIsSupportRestore string
type CreateInstanceInputEngine string
type SetOnlineMigrationTaskInputMigrationMethod string
type InstanceStatus string
type MigrationTaskStatus string
type CpuType string
type ErrorCode string
const (
	TRUE BackupRecordResponseIsSupportRestore = "TRUE"
	Redis CreateInstanceInputEngine = "Redis"
	SetOnlineMigrationTaskInputMigrationMethodIncrementalMigration SetOnlineMigrationTaskInputMigrationMethod = "incremental_migration"
	InstanceStatusCREATEFAILED InstanceStatus = "CREATEFAILED"
	MigrationTaskStatusMIGRATIONFAILED MigrationTaskStatus = "MIGRATION_FAILED"
	CpuTypeX86_64 CpuType = "x86_64"
	InstanceStatus InstanceStatus = ""
	InstanceStatusRunning InstanceStatus = "RUNNING"
	ErrorCodeDCS4001 ErrorCode = "DCS.4001"
	ErrorCodeN111400002 ErrorCode = "111400002"
	CpuTypeX86 CpuType = "x86_64"
	notAnEnum = 3
)
`
	got := map[string]string{}
	for _, c := range enumConsts(t, "p", map[string]string{"p.go": src}) {
		got[c.name] = enumNameProblem(c.typ, c.name)
	}
	for _, bad := range []string{"TRUE", "Redis", "SetOnlineMigrationTaskInputMigrationMethodIncrementalMigration",
		"InstanceStatusCREATEFAILED", "MigrationTaskStatusMIGRATIONFAILED", "CpuTypeX86_64", "InstanceStatus"} {
		assert.NotEmpty(t, got[bad], bad)
	}
	for _, good := range []string{"InstanceStatusRunning", "ErrorCodeDCS4001", "ErrorCodeN111400002", "CpuTypeX86"} {
		assert.Empty(t, got[good], good)
	}
	assert.NotContains(t, got, "notAnEnum")
}

// The status fields a caller compares against have named enum types, so the
// comparisons below compile; a spec that drops the enum breaks the build.
func TestStatusFieldsAreTyped(t *testing.T) {
	v2 := dcsv2.ShowInstanceOutput{Status: ptrTo(dcsv2.InstanceStatusRunning)}
	assert.True(t, *v2.Status == dcsv2.InstanceStatusRunning)
	var _ *dcsv2.InstanceStatus = dcsv2.InstanceListInfo{}.Status
	var _ *dcsv2.InstanceStatus = dcsv2.ListInstancesParams{}.Status
	var _ *dcsv2.BackupStatus = dcsv2.BackupRecordResponse{}.Status
	var _ *dcsv2.RestoreStatus = dcsv2.InstanceRestoreInfo{}.Status
	var _ *dcsv2.MigrationTaskStatus = dcsv2.ShowMigrationTaskOutput{}.Status
	var _ *dcsv2.MigrationTaskStatus = dcsv2.MigrationTaskList{}.Status
	var _ *dcsv2.JobStatus = dcsv2.ShowJobInfoOutput{}.Status
	var _ *dcsv2.BackgroundTaskStatus = dcsv2.SingleBackgroundTask{}.Status
	var _ *dcsv1.InstanceStatus = dcsv1.ShowInstanceOutput{}.Status
	var _ *dcsv1.InstanceStatus = dcsv1.ListInstancesParams{}.Status
	var _ *dcsv1.InstanceStatus = dcsv1.InstanceListInfo{}.Status
	var _ *dcsv1.InstanceStatus = dcsv1.ListConfigurationsOutput{}.Status
	var _ *dcsv2.InstanceStatus = dcsv2.ListConfigurationsOutput{}.Status
	var _ *dcsv2.MigrationTaskStatus = dcsv2.CreateMigrationTaskOutput{}.Status
	var _ *dcsv2.MigrationTaskStatus = dcsv2.SetOnlineMigrationTaskOutput{}.Status
	var _ *dcsv2.StepStatus = dcsv2.StepDetail{}.StepStatus
	var _ *redis.BackupStatus = redis.Backup{}.Status
	var _ *dcsv1.BackupStatus = dcsv1.BackupRecordResponse{}.Status
	var _ *dcsv1.RestoreStatus = dcsv1.RestoreRecordResponse{}.Status
	var _ *redis.InstanceStatus = redis.DBInstance{}.Status
	var _ *memcached.InstanceStatus = memcached.MemcachedInstanceInfo{}.Status
	var _ *uredis.BackupState = uredis.URedisBackupSet{}.State
	assert.Equal(t, redis.InstanceStatus("RUNNING"), redis.InstanceStatusRunning)
	assert.Equal(t, memcached.InstanceStatus("running"), memcached.InstanceStatusRunning)
	assert.Equal(t, uredis.BackupState("Success"), uredis.BackupStateSuccess)
}

func ptrTo[T any](v T) *T { return &v }

// Table 7-2 (seed 003 section 7.5, lines 9296-9305), in document order: both
// Huawei specs carry it as the InstanceStatus component.
var table72 = []string{"CREATING", "CREATEFAILED", "RUNNING", "ERROR", "RESTARTING", "EXTENDING", "RESTORING"}

func TestHuaweiInstanceStatusIsTable72(t *testing.T) {
	for _, name := range []string{"huaweicloud/dcs-v2.yaml", "huaweicloud/dcs-v1.yaml"} {
		s := loadSpec(t, name).Components.Schemas["InstanceStatus"]
		require.NotNil(t, s, name)
		var got []string
		for _, v := range s.Value.Enum {
			got = append(got, v.(string))
		}
		assert.Equal(t, table72, got, name)
	}
	for i, c := range []dcsv2.InstanceStatus{dcsv2.InstanceStatusCreating, dcsv2.InstanceStatusCreateFailed,
		dcsv2.InstanceStatusRunning, dcsv2.InstanceStatusError, dcsv2.InstanceStatusRestarting,
		dcsv2.InstanceStatusExtending, dcsv2.InstanceStatusRestoring} {
		assert.Equal(t, table72[i], string(c))
		assert.Equal(t, table72[i], string(dcsv1.InstanceStatus(c)))
		assert.True(t, dcsv1.InstanceStatus(c).Valid())
	}
}

// stateSchema is the schema of a waiter's state field in the polled
// operation's 200 response: a dotted path from the body, or a property of
// the matched list item.
func stateSchema(t *testing.T, op *openapi3.Operation, w waiterDecl) *openapi3.SchemaRef {
	_, s := example200(t, op)
	if w.List != "" {
		l := props(s)[w.List]
		require.NotNil(t, l, "list %s", w.List)
		s = l.Value.Items.Value
	}
	var ref *openapi3.SchemaRef
	for _, seg := range strings.Split(w.State, ".") {
		ref = props(s)[seg]
		require.NotNil(t, ref, "state %s: no %s", w.State, seg)
		s = ref.Value
	}
	return ref
}

// Every waiter reads a named enum, and every state it declares (success,
// failure, pending) is one of the enum's values: a renamed or dropped value
// breaks the wait silently otherwise.
func TestWaiterStatesAreEnumValues(t *testing.T) {
	n := 0
	for _, d := range declarations(t) {
		for _, name := range sortedKeys(d.waiters) {
			w := d.waiters[name]
			ref := stateSchema(t, d.operation, w)
			if !assert.NotEmpty(t, ref.Ref, "%s %s: state %s is not a named enum component", d.spec, name, w.State) {
				continue
			}
			enum := map[string]bool{}
			for _, v := range ref.Value.Enum {
				enum[v.(string)] = true
			}
			require.NotEmpty(t, enum, "%s %s: %s has no enum", d.spec, name, ref.Ref)
			var states []string
			states = append(append(append(states, w.Success...), w.Failure...), w.Pending...)
			sort.Strings(states)
			for _, st := range states {
				assert.True(t, enum[st], "%s %s: state %q is not a value of %s", d.spec, name, st, ref.Ref)
				n++
			}
		}
	}
	assert.Positive(t, n)
}
