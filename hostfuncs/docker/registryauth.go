package docker

import (
	"os"
	"path/filepath"

	"github.com/docker/cli/cli/config"
	"github.com/moby/moby/api/pkg/authconfig"
	"github.com/moby/moby/api/types/registry"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// configDirEnv names the folder of the user's Docker config, as the
// Docker CLI reads it.
const configDirEnv = "DOCKER_CONFIG"

// registryAuth is what the user's Docker config holds for one registry.
// The encoded credential never goes into an error, a result or a log.
type registryAuth struct {
	registry   string // the registry's host, such as "docker.io" or "127.0.0.1:5000"
	configPath string // the config.json consulted
	encoded    string // the X-Registry-Auth header value, "{}" encoded when none matched
	hasCreds   bool   // the config held credentials for the registry
}

// found reports whether the config held credentials for the registry.
func (a registryAuth) found() bool { return a.hasCreds }

// configDir is $DOCKER_CONFIG, or ~/.docker as the Docker CLI uses.
func configDir() string {
	if dir := os.Getenv(configDirEnv); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ".docker"
	}
	return filepath.Join(home, ".docker")
}

// lookupAuth reads the user's Docker config afresh (so that a docker login
// after the server started counts) and asks its credential helper, its
// credsStore or its auths for the registry's credentials. The result is
// encoded for the daemon with URL-safe base64, which the daemon requires.
//
// Errors: CodeInvalid when the config cannot be read or parsed, or a
// credential helper fails.
func lookupAuth(host string) (registryAuth, error) {
	dir := configDir()
	a := registryAuth{registry: host, configPath: filepath.Join(dir, config.ConfigFileName)}
	cfg, err := config.Load(dir)
	if err != nil {
		return a, abi.Errorf(abi.CodeInvalid,
			"cannot read the Docker config %s: %v; fix or move it", a.configPath, err)
	}
	ac, err := cfg.GetAuthConfig(host)
	if err != nil {
		return a, abi.Errorf(abi.CodeInvalid, "the credential helper for registry %s "+
			"(configured in %s) failed: %v", host, a.configPath, err)
	}
	a.hasCreds = ac.Username != "" || ac.Password != "" || ac.IdentityToken != "" ||
		ac.RegistryToken != ""
	// Without credentials an empty object still goes: daemons before API
	// 1.42 refuse a push with no X-Registry-Auth header at all.
	a.encoded, err = authconfig.Encode(registry.AuthConfig{
		Username: ac.Username, Password: ac.Password, ServerAddress: ac.ServerAddress,
		IdentityToken: ac.IdentityToken, RegistryToken: ac.RegistryToken,
	})
	if err != nil {
		panic("BUG: an auth config does not encode: " + err.Error())
	}
	return a, nil
}

// registryError is a pull or push failure at a registry, with what the
// Docker config held for it; errorCode turns an authentication failure
// into a message that says which config was read and how to log in.
type registryError struct {
	auth registryAuth
	err  error
}

func (e *registryError) Error() string { return e.err.Error() }
func (e *registryError) Unwrap() error { return e.err }
