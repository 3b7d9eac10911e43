package capitalonline

// ConfigFromEnv returns a Config from the environment: the keys of
// CredentialsFromEnv (CDS_SECRET_ID, CDS_SECRET_KEY, the names
// CapitalOnline's cds-gic-sdk-go uses); the Endpoint is EndpointMainland
// unless you set another. The error names every missing variable.
func ConfigFromEnv() (Config, error) {
	creds, err := CredentialsFromEnv()
	return Config{Credentials: creds}, err
}
