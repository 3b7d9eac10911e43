// Package scale measures cachesdk at scale against the vendors' SDKs and
// the plain net/http floor: big list responses (BenchmarkBig: 10, 1,000 and
// 10,000 items per response) and long walks through the generated
// paginators (BenchmarkIter). The concurrency benchmark is in bench/calls
// (BenchmarkConc), beside the calls it repeats.
//
// The lists are synthesized from each call's documented item (Lists); the
// server (NewServer) answers them on 127.0.0.1, honouring the Huawei paging
// parameters, from bodies it builds once and keeps, so its cost is small and
// the same for every client.
package scale

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"

	"github.com/cachesdk/cachesdk/bench/fixture"
)

// List names one synthesized list.
type List string

// The lists.
const (
	HuaweiV2 List = "Huawei.ListInstances"              // DCS V2 GET /v2/{project_id}/instances, offset/limit
	HuaweiV1 List = "HuaweiV1.ListInstances"            // DCS V1 GET /v1.0/{project_id}/instances, start (1-based)/limit
	CDS      List = "CapitalOnline.DescribeDBInstances" // GET /redis?Action=DescribeDBInstances, no paging: every item
)

// AllLists in table order.
var AllLists = []List{HuaweiV2, HuaweiV1, CDS}

// itemsKey is where each list's items are in its body, and idKey the field
// that makes every synthesized copy distinct (the checks read it).
var (
	itemsKey = map[List]string{HuaweiV2: "instances", HuaweiV1: "instances", CDS: "Data"}
	idKey    = map[List]string{HuaweiV2: "instance_id", HuaweiV1: "instance_id", CDS: "InstanceUuid"}
)

// Lists holds up to Max synthesized items per list, each encoded once.
type Lists struct {
	Max      int
	items    map[List][][]byte
	ids      map[List][]string
	envelope map[List][2][]byte // the body around the items: before, after
}

// Synthesize builds max copies of each list's documented item:
//   - Huawei V2: the instance of the V2 fixture's ListInstances body (the
//     documented ShowInstance instance cut down to InstanceListInfo,
//     bench/fixture);
//   - Huawei V1: the first instance of the documented V1 ListInstances example;
//   - CapitalOnline: the documented DescribeDBInstances item.
//
// Copy i differs only in its id (idKey): the documented id with its last six
// characters replaced by i (CapitalOnline's id is masked in the document,
// "*****", so its copies take the documented InpaasId's form). Huawei bodies
// carry instance_num, the list's total; CapitalOnline's keep the documented
// Code and Message.
func Synthesize(max int) (*Lists, error) {
	b, err := fixture.Load()
	if err != nil {
		return nil, err
	}
	v1, err := fixture.DocumentedResponse("huaweicloud/dcs-v1.yaml", "ListInstances")
	if err != nil {
		return nil, err
	}
	sources := map[List][]byte{
		HuaweiV2: b.Response[fixture.HuaweiListInstances],
		HuaweiV1: v1,
		CDS:      b.Response[fixture.CapitalOnlineDescribeDBInstances],
	}
	l := &Lists{Max: max, items: map[List][][]byte{}, ids: map[List][]string{}, envelope: map[List][2][]byte{}}
	for _, list := range AllLists {
		var body map[string]any
		if err := json.Unmarshal(sources[list], &body); err != nil {
			return nil, fmt.Errorf("%s: %w", list, err)
		}
		arr, _ := body[itemsKey[list]].([]any)
		if len(arr) == 0 {
			return nil, fmt.Errorf("%s: the documented body has no %s", list, itemsKey[list])
		}
		item, _ := arr[0].(map[string]any)
		idForm, _ := item[idKey[list]].(string)
		if list == CDS {
			idForm, _ = item["InpaasId"].(string)
		}
		if len(idForm) < 6 {
			return nil, fmt.Errorf("%s: no id to vary in the documented item", list)
		}
		for i := range max {
			item[idKey[list]] = fmt.Sprintf("%s%06d", idForm[:len(idForm)-6], i)
			data, err := json.Marshal(item)
			if err != nil {
				return nil, err
			}
			l.items[list] = append(l.items[list], data)
			l.ids[list] = append(l.ids[list], item[idKey[list]].(string))
		}
		const hole = "@@items@@"
		body[itemsKey[list]] = hole
		if _, ok := body["instance_num"]; ok || list != CDS {
			body["instance_num"] = -1 // set per body
		}
		env, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		before, after, ok := bytes.Cut(env, []byte(`"`+hole+`"`))
		if !ok {
			return nil, fmt.Errorf("%s: envelope", list)
		}
		l.envelope[list] = [2][]byte{before, after}
	}
	return l, nil
}

// ID is the id of item i of list (0-based).
func (l *Lists) ID(list List, i int) string { return l.ids[list][i] }

// Body is the response listing items [from, to) of list, which has total
// items in all.
func (l *Lists) Body(list List, from, to, total int) []byte {
	env := l.envelope[list]
	var buf bytes.Buffer
	num := []byte(strconv.Itoa(total))
	buf.Write(bytes.Replace(env[0], []byte("-1"), num, 1))
	buf.WriteByte('[')
	for i, it := range l.items[list][from:to] {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(it)
	}
	buf.WriteByte(']')
	buf.Write(bytes.Replace(env[1], []byte("-1"), num, 1))
	return buf.Bytes()
}

// Server answers the lists on 127.0.0.1 with n items each.
type Server struct {
	*httptest.Server
	lists  *Lists
	n      int
	bodies sync.Map // "list from to" → []byte
}

// NewServer serves the first n items of every list (n ≤ l.Max): Huawei V2
// pages by offset (default 0) and limit (default 10), V1 by start (1-based,
// default 1) and limit (default 1000), CapitalOnline answers all n.
func NewServer(l *Lists, n int) *Server {
	s := &Server{lists: l, n: n}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	num := func(name string, def int) int {
		if v := q.Get(name); v != "" {
			if n, err := strconv.Atoi(v); err == nil {
				return n
			}
			return -1
		}
		return def
	}
	var list List
	var from, limit int
	switch p := r.URL.Path; {
	case strings.HasPrefix(p, "/v2/") && strings.HasSuffix(p, "/instances"):
		list, from, limit = HuaweiV2, num("offset", 0), num("limit", 10)
	case strings.HasPrefix(p, "/v1.0/") && strings.HasSuffix(p, "/instances"):
		list, from, limit = HuaweiV1, num("start", 1)-1, num("limit", 1000)
	case q.Get("Action") == "DescribeDBInstances":
		list, from, limit = CDS, 0, s.n
	default:
		http.Error(w, "no such call", http.StatusNotFound)
		return
	}
	if from < 0 || limit < 1 {
		http.Error(w, `{"error_code":"DCS.4800","error_msg":"bad paging"}`, http.StatusBadRequest)
		return
	}
	from = min(from, s.n)
	to := min(from+limit, s.n)
	key := fmt.Sprint(list, from, to)
	body, ok := s.bodies.Load(key)
	if !ok {
		body, _ = s.bodies.LoadOrStore(key, s.lists.Body(list, from, to, s.n))
	}
	data := body.([]byte)
	h := w.Header()
	h["Content-Type"] = []string{"application/json"}
	h["Content-Length"] = []string{strconv.Itoa(len(data))}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}
