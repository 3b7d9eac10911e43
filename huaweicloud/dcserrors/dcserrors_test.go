package dcserrors_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cachesdk/cachesdk/huaweicloud/dcserrors"
)

// Row counts verified against the DCS API reference (appendix 7.2: 286 error
// codes; 7.6: 13 cause, 6 impact, 7 advice ids).
const (
	documentedErrors  = 286
	documentedCauses  = 13
	documentedImpacts = 6
	documentedAdvice  = 7
)

// readTSV returns the data rows (header dropped) of a file under data/.
func readTSV(t *testing.T, name string) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("data", name))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	var rows [][]string
	for _, l := range lines[1:] {
		rows = append(rows, strings.Split(l, "\t"))
	}
	return rows
}

func TestCountsMatchDocument(t *testing.T) {
	require.Len(t, readTSV(t, "errors.tsv"), documentedErrors)
	require.Len(t, dcserrors.All(), documentedErrors)
	require.Len(t, readTSV(t, "diagnosis.tsv"), documentedCauses+documentedImpacts+documentedAdvice)
	require.Len(t, dcserrors.CauseIDs(), documentedCauses)
	require.Len(t, dcserrors.ImpactIDs(), documentedImpacts)
	require.Len(t, dcserrors.AdviceIDs(), documentedAdvice)
}

// The table is the data file, row for row and in order.
func TestAllEqualsData(t *testing.T) {
	rows := readTSV(t, "errors.tsv")
	all := dcserrors.All()
	require.Len(t, all, len(rows))
	for i, r := range rows {
		st, err := strconv.Atoi(r[0])
		require.NoError(t, err)
		require.Equal(t, dcserrors.Info{HTTPStatus: st, Code: r[1], Message: r[2], Description: r[3], Handling: r[4]}, all[i], "row %d", i+2)
	}
}

// The document lists no code twice; if a future edition does, this list
// must name it (both rows are kept, Lookup returns the first).
func TestCodesUnique(t *testing.T) {
	count := map[string]int{}
	for _, in := range dcserrors.All() {
		count[in.Code]++
	}
	var dups []string
	for c, n := range count {
		if n > 1 {
			dups = append(dups, c)
		}
	}
	require.Empty(t, dups)
}

func TestLookup(t *testing.T) {
	for _, want := range []dcserrors.Info{
		// First row of the table.
		{400, "111400002", "Invalid project ID format.", "Project ID的格式无效。", "请检查项目ID是否合法。"},
		// Printed "DCS. 4855" in the document; stored without the space.
		{400, dcserrors.CodeDCS4855, "Master standby swap is not supported.", "不支持主备切换。", "不支持此操作。"},
		// Handling text with literal double quotes.
		{400, "DCS.4819", "The first_scan_at parameter is invalid. Its must be ISO format utc date-time. The time must be later than the current time.",
			"参数 first_scan_at 取值不合法，不符合ISO格式的时间，first_scan_at 必须晚于当前时间。",
			`请检查请求参数是否合法。ISO UTC 格式示例 "2021-08-18T07:33:00.000Z"`},
		{403, "DCS.2007", "Policy does not allow {} to be performed.", "操作权限不足。", "请检查账户是否有对应的操作权限。"},
		// A 1114xxxxx-looking code documented with HTTP 500.
		{500, "111400069", "Another user is modifying configuration parameters of the DCS instance. Please try again later.", "其他用户正在修改实例的配置参数，请稍后再试。", "请稍后重试。"},
		{500, "DCS.5094", "Master standby swap failed.", "主备切换失败。", "请联系技术支持。"},
		// Last row, on the table's last page, after the 500 block.
		{400, "DCS.5050", "Shared VPCs are not supported.", "不支持共享VPC创建实例。", "请检查请求参数是否合法。"},
	} {
		got, ok := dcserrors.Lookup(want.Code)
		require.True(t, ok, want.Code)
		require.Equal(t, want, got)
	}
	require.Equal(t, "DCS.4855", dcserrors.CodeDCS4855)
	require.Equal(t, "111500104", dcserrors.Code111500104)
}

func TestLookupUnknown(t *testing.T) {
	for _, code := range []string{"", "DCS.0000", "DCS. 4855", "dcs.4855", "111400001", " DCS.4002"} {
		_, ok := dcserrors.Lookup(code)
		require.False(t, ok, "%q", code)
	}
}

func TestLookupDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { _, _ = dcserrors.Lookup("DCS.4855") })
	require.Zero(t, allocs)
}

func TestAllReturnsCopy(t *testing.T) {
	a := dcserrors.All()
	a[0].Code = "changed"
	b := dcserrors.All()
	require.Equal(t, "111400002", b[0].Code)
	_, ok := dcserrors.Lookup("111400002")
	require.True(t, ok)
}

func TestDiagnosisIDs(t *testing.T) {
	for _, id := range dcserrors.CauseIDs() {
		require.NotEmpty(t, id.Description(), "cause %d", id)
	}
	for _, id := range dcserrors.ImpactIDs() {
		require.NotEmpty(t, id.Description(), "impact %d", id)
	}
	for _, id := range dcserrors.AdviceIDs() {
		require.NotEmpty(t, id.Description(), "advice %d", id)
	}
	// Same number, different list, different meaning.
	require.Equal(t, "活跃连接数超过{THRESHOLD}", dcserrors.Cause1.Description())
	require.Equal(t, "Redis拒绝连接", dcserrors.Impact1.Description())
	require.Equal(t, "客户端使用连接池复用已有连接", dcserrors.Advice1.Description())
	require.Equal(t, "执行了O(N)时间复杂度命令: {COMMANDS}", dcserrors.Cause10.Description())
	require.Equal(t, dcserrors.AdviceID(7), dcserrors.Advice7)
	require.Empty(t, dcserrors.CauseID(14).Description())
}

// Regenerating from data/ must reproduce the committed table.gen.go, so the
// Go table can never drift from the data files.
func TestGeneratedTableUpToDate(t *testing.T) {
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the go command is needed to run the generator")
	out := filepath.Join(t.TempDir(), "table.gen.go")
	cmd := exec.Command(goTool, "run", "./internal/gentable", "-out", out)
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)

	want, err := os.ReadFile("table.gen.go")
	require.NoError(t, err)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	require.True(t, string(want) == string(got), "table.gen.go is stale: run go generate ./huaweicloud/dcserrors")
}
