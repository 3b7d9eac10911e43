package nullable_test

import (
	"encoding/json"
	"fmt"

	"github.com/cachesdk/cachesdk/nullable"
)

// A field tagged omitzero is absent when unspecified, null when null.
func Example() {
	type body struct {
		ID       nullable.Nullable[string] `json:"id,omitempty,omitzero"`
		Addrs    nullable.Nullable[string] `json:"addrs,omitempty,omitzero"`
		Password nullable.Nullable[string] `json:"password,omitempty,omitzero"`
	}
	out, _ := json.Marshal(body{
		Addrs:    nullable.NewNullableWithValue("192.168.1.1:6379"),
		Password: nullable.NewNullNullable[string](),
	})
	fmt.Println(string(out))

	var in body
	_ = json.Unmarshal([]byte(`{"id":null,"addrs":"10.0.0.1:6379"}`), &in)
	fmt.Println(in.ID.IsNull(), in.Addrs.MustGet(), in.Password.IsSpecified())
	if _, err := in.ID.Get(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"addrs":"192.168.1.1:6379","password":null}
	// true 10.0.0.1:6379 false
	// value is null
}
