package cachesdk

// Ptr returns a pointer to a copy of v, for the optional fields of the
// generated request types (their pointers mean "set"), as the Azure SDK's
// to.Ptr and aws-sdk-go-v2's aws.String do:
//
//	params := &dcsv2.ListInstancesParams{Limit: cachesdk.Ptr[int32](100), Name: cachesdk.Ptr("web")}
func Ptr[T any](v T) *T { return &v }

// Deref returns *p, or the zero value of T when p is nil: a field of a
// response that the server left out reads as its zero value.
//
//	name := cachesdk.Deref(inst.Name) // "" when absent
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
