package conformance

import (
	"github.com/cachesdk/cachesdk/capitalonline"
	"github.com/cachesdk/cachesdk/huaweicloud"
	"github.com/cachesdk/cachesdk/retry"
	"github.com/cachesdk/cachesdk/secret"
	"github.com/cachesdk/cachesdk/ucloud"
	"github.com/cachesdk/cachesdk/verifier"
)

// target wires one spec: how to build its typed client against a base URL,
// how the server verifies its signatures, and how its errors carry codes.
type target struct {
	newClient    func(baseURL string) (any, error)
	verifier     verifier.Verifier
	errorCode    string   // the error body field holding the vendor code
	signerParams []string // query parameters the signer adds (not the caller's)
	rpc          bool     // Action in the query, selected by the path key's fragment
	// defaultStatus is the HTTP status a "default" (status-less) error
	// response is replayed with; 0 leaves such responses out.
	defaultStatus int
	// bound are path parameters the client fills itself (Huawei's
	// project_id, given once), with the value the client was built with.
	bound map[string]string
	// method names the client's method for an operation; default
	// "<OperationId>WithResponse".
	method func(operationID string) string
}

// Test credentials; the values are made up and exist only on 127.0.0.1.
var cdsCreds = capitalonline.Credentials{AccessKeyID: "AKCONFORMANCE", SecretKey: secret.New("SKCONFORMANCE")}

// noRetry: error examples must reach the test as they are, once.
var noRetry = &retry.Policy{MaxAttempts: 1}

// capitalOnline wires a CapitalOnline service. Its documents give error codes
// without a status for Memcached ("default"): CapitalOnline also reports
// failure with HTTP 200 and a failing Code, so such examples go out as 200.
func capitalOnline(newClient func(capitalonline.Config) (any, error)) target {
	return target{
		newClient: func(base string) (any, error) {
			return newClient(capitalonline.Config{Endpoint: base, Credentials: cdsCreds, Retry: noRetry})
		},
		verifier: verifier.CapitalOnline{Secret: func(ak string) (string, bool) {
			return cdsCreds.SecretKey.Reveal(), ak == cdsCreds.AccessKeyID
		}},
		errorCode:     "Code",
		signerParams:  []string{"AccessKeyId", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version", "Signature"},
		rpc:           true,
		defaultStatus: 200,
	}
}

var ucCreds = ucloud.Credentials{PublicKey: "PKCONFORMANCE", PrivateKey: secret.New("PRIVCONFORMANCE")}

// Huawei test credentials and project, made up for 127.0.0.1.
var (
	hwCreds   = huaweicloud.Credentials{AccessKey: "AKCONFORMANCE", SecretKey: secret.New("SKCONFORMANCE"), ProjectID: "0a1b2c3d4e5f60718293a4b5c6d7e8f9"}
	hwToken   = "TOKENCONFORMANCE"
	hwVerfier = verifier.HuaweiCloud{
		Secret:    func(ak string) (string, bool) { return hwCreds.SecretKey.Reveal(), ak == hwCreds.AccessKey },
		Token:     func(tok string) bool { return tok == hwToken },
		ProjectID: hwCreds.ProjectID,
	}
)

// huaweiV2 wires DCS V2 with AK/SK (token: false) or an IAM token.
func huaweiV2(token bool) target {
	return huawei(token, func(cfg huaweicloud.Config) (any, error) { return huaweicloud.NewDCSV2(cfg) })
}

func huawei(token bool, newClient func(huaweicloud.Config) (any, error)) target {
	return target{
		newClient: func(base string) (any, error) {
			cfg := huaweicloud.Config{Endpoint: base, Credentials: hwCreds, Retry: noRetry}
			if token {
				cfg = huaweicloud.Config{Endpoint: base, Token: secret.New(hwToken), ProjectID: hwCreds.ProjectID, Retry: noRetry}
			}
			return newClient(cfg)
		},
		verifier:  hwVerfier,
		errorCode: "error_code",
		bound:     map[string]string{"project_id": hwCreds.ProjectID},
		method:    func(op string) string { return op },
	}
}

var targets = map[string]target{
	"huaweicloud/dcs-v2.yaml": huaweiV2(false),
	"huaweicloud/dcs-v1.yaml": huawei(false, func(cfg huaweicloud.Config) (any, error) { return huaweicloud.NewDCSV1(cfg) }),
	"ucloud/uredis.yaml": {
		newClient: func(base string) (any, error) {
			return ucloud.NewURedis(ucloud.Config{Endpoint: base, Credentials: ucCreds, Retry: noRetry})
		},
		verifier: verifier.UCloud{PrivateKey: func(pk string) (string, bool) {
			return ucCreds.PrivateKey.Reveal(), pk == ucCreds.PublicKey
		}},
		errorCode:    "RetCode",
		signerParams: []string{"PublicKey", "Signature"},
		rpc:          true,
	},
	"capitalonline/redis.yaml": capitalOnline(func(c capitalonline.Config) (any, error) { return capitalonline.NewRedis(c) }),
	"capitalonline/memcached.yaml": capitalOnline(func(c capitalonline.Config) (any, error) {
		return capitalonline.NewMemcached(c)
	}),
}

// pending lists specs that are transcribed and validated (TestSpecs) but
// whose typed client is not generated and wired yet, with the issue that
// finishes them. A spec in neither map fails TestReplay.
var pending = map[string]string{
	"huaweicloud/dcs-v2.yaml": "issue 3: generate gen/huaweicloud/dcsv2 and a huaweicloud client bound to a project id",
	"huaweicloud/dcs-v1.yaml": "issue 4: generate gen/huaweicloud/dcsv1",
}
