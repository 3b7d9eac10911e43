package ucloud

import (
	"errors"
	"fmt"
	"os"
)

// Environment variables read by CredentialsFromEnv. UCLOUD_PUBLIC_KEY and
// UCLOUD_PRIVATE_KEY are the names UCloud's SDK examples, Terraform provider
// and Packer plugin read; UCLOUD_SECURITY_TOKEN follows them.
const (
	EnvPublicKey     = "UCLOUD_PUBLIC_KEY"
	EnvPrivateKey    = "UCLOUD_PRIVATE_KEY"
	EnvSecurityToken = "UCLOUD_SECURITY_TOKEN"
)

// Credentials are a UCloud API key pair. Formatting them with fmt (any verb)
// never prints the private key or the security token.
type Credentials struct {
	PublicKey  string
	PrivateKey string
	// SecurityToken comes with temporary (STS) credentials; it is sent and signed.
	SecurityToken string
}

// CredentialsFromEnv reads UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY
// (required) and UCLOUD_SECURITY_TOKEN (optional). Errors name the missing
// variables, never a value.
func CredentialsFromEnv() (Credentials, error) {
	c := Credentials{
		PublicKey:     os.Getenv(EnvPublicKey),
		PrivateKey:    os.Getenv(EnvPrivateKey),
		SecurityToken: os.Getenv(EnvSecurityToken),
	}
	var missing []error
	if c.PublicKey == "" {
		missing = append(missing, fmt.Errorf("ucloud: environment variable %s is not set", EnvPublicKey))
	}
	if c.PrivateKey == "" {
		missing = append(missing, fmt.Errorf("ucloud: environment variable %s is not set", EnvPrivateKey))
	}
	return c, errors.Join(missing...)
}

// String shows the public key only.
func (c Credentials) String() string {
	s := "ucloud.Credentials{PublicKey:" + c.PublicKey + " PrivateKey:<redacted>"
	if c.SecurityToken != "" {
		s += " SecurityToken:<redacted>"
	}
	return s + "}"
}

// GoString keeps %#v from printing the secret.
func (c Credentials) GoString() string { return c.String() }

// Format applies to every verb, so no verb prints the secret.
func (c Credentials) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }
