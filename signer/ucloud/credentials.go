package ucloud

import (
	"errors"
	"fmt"
	"os"

	"github.com/cachesdk/cachesdk/secret"
)

// Environment variables read by CredentialsFromEnv. UCLOUD_PUBLIC_KEY and
// UCLOUD_PRIVATE_KEY are the names UCloud's SDK examples, Terraform provider
// and Packer plugin read; UCLOUD_SECURITY_TOKEN follows them.
const (
	EnvPublicKey     = "UCLOUD_PUBLIC_KEY"
	EnvPrivateKey    = "UCLOUD_PRIVATE_KEY"
	EnvSecurityToken = "UCLOUD_SECURITY_TOKEN"
)

// Credentials are a UCloud API key pair. PrivateKey and SecurityToken are
// secret.String: fmt (every verb), encoding/json, slog and gob show
// "[redacted]" for them; the public key is shown.
//
//	ucloud.Credentials{PublicKey: "pub…", PrivateKey: secret.New(pk)}
type Credentials struct {
	PublicKey  string
	PrivateKey secret.String
	// SecurityToken comes with temporary (STS) credentials; it is sent and signed.
	SecurityToken secret.String
}

// CredentialsFromEnv reads UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY
// (required) and UCLOUD_SECURITY_TOKEN (optional). Errors name the missing
// variables, never a value.
func CredentialsFromEnv() (Credentials, error) {
	c := Credentials{
		PublicKey:     os.Getenv(EnvPublicKey),
		PrivateKey:    secret.New(os.Getenv(EnvPrivateKey)),
		SecurityToken: secret.New(os.Getenv(EnvSecurityToken)),
	}
	var missing []error
	if c.PublicKey == "" {
		missing = append(missing, fmt.Errorf("ucloud: environment variable %s is not set", EnvPublicKey))
	}
	if c.PrivateKey.IsZero() {
		missing = append(missing, fmt.Errorf("ucloud: environment variable %s is not set", EnvPrivateKey))
	}
	return c, errors.Join(missing...)
}
