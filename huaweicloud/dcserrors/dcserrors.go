// Package dcserrors holds what Huawei Cloud DCS (Distributed Cache Service)
// documents about its API results: the error codes of appendix 7.2 with HTTP
// status, message and advice, and the diagnosis cause/impact/advice ids of
// appendix 7.6. The instance statuses of appendix 7.5 are not errors: they are
// the generated InstanceStatus types of packages dcsv2 and dcsv1
// (dcsv2.InstanceStatusRunning…), from the specs' enums.
//
// Everything in table.gen.go comes from data/*.tsv, transcribed from the
// document; the test suite fails if the two drift apart.
//
//	if info, ok := dcserrors.Lookup(apiErr.Code); ok && info.HTTPStatus == 400 {
//		log.Print(info.Description, " — ", info.Handling)
//	}
package dcserrors

import "slices"

// Info is one documented error code. Message is the English error_msg the API
// returns; Description and Handling are the document's Chinese explanation
// and suggested action. Some messages carry placeholders ("{0}", "{}") that
// the service fills in.
type Info struct {
	HTTPStatus  int
	Code        string
	Message     string
	Description string
	Handling    string
}

// byCode indexes table once, so Lookup is a map probe with no allocation.
// Should a code ever be listed twice, the first row wins.
var byCode = func() map[string]int {
	m := make(map[string]int, len(table))
	for i := range table {
		if _, ok := m[table[i].Code]; !ok {
			m[table[i].Code] = i
		}
	}
	return m
}()

// Lookup returns the documented entry for an error code such as "DCS.4855"
// or "111400002". Codes are matched exactly.
func Lookup(code string) (Info, bool) {
	i, ok := byCode[code]
	if !ok {
		return Info{}, false
	}
	return table[i], true
}

// All returns every documented error code in document order. The slice is
// a fresh copy the caller may keep or modify.
func All() []Info { return slices.Clone(table[:]) }

// Diagnosis reports (ConclusionItem.id) name their findings by small integer
// ids that restart at 1 in each of cause_ids, impact_ids and advice_ids, so
// each list has its own type. Descriptions may contain placeholders such as
// {THRESHOLD} or {COMMANDS}, filled from the item's params.
type (
	CauseID  int32
	ImpactID int32
	AdviceID int32
)

// Description is the document's meaning of the id, or "" if undocumented.
func (id CauseID) Description() string { return causeDescriptions[id] }

// Description is the document's meaning of the id, or "" if undocumented.
func (id ImpactID) Description() string { return impactDescriptions[id] }

// Description is the document's meaning of the id, or "" if undocumented.
func (id AdviceID) Description() string { return adviceDescriptions[id] }

// CauseIDs returns the documented cause ids in document order.
func CauseIDs() []CauseID { return slices.Clone(allCauseIDs[:]) }

// ImpactIDs returns the documented impact ids in document order.
func ImpactIDs() []ImpactID { return slices.Clone(allImpactIDs[:]) }

// AdviceIDs returns the documented advice ids in document order.
func AdviceIDs() []AdviceID { return slices.Clone(allAdviceIDs[:]) }
