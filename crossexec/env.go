package main

import (
	"runtime"
	"strings"
)

// targetOnly are the variables that describe the target: its platform and variant, and its C
// toolchain. A host build of a generator drops them, so a per-target `CC=aarch64-linux-gnu-gcc`
// or GOARM=7 never reaches it; tags and -mod (GOFLAGS) stay.
var targetOnly = []string{
	"GOOS", "GOARCH", "GOARM", "GOAMD64", "GOARM64", "GO386", "GOMIPS", "GOMIPS64", "GOPPC64",
	"GORISCV64", "GOWASM", "CGO_ENABLED", "CC", "CXX", "FC", "AR", "PKG_CONFIG",
}

func envName(kv string) string {
	name := strings.SplitN(kv, "=", 2)[0]
	if runtime.GOOS == "windows" {
		return strings.ToUpper(name)
	}
	return name
}

func isTargetOnly(name string) bool {
	if strings.HasPrefix(name, "CGO_") {
		return true
	}
	for _, v := range targetOnly {
		if v == name {
			return true
		}
	}
	return false
}

// withVars returns env with each of set replacing any variable of the same name.
func withVars(env []string, set ...string) []string {
	drop := map[string]bool{}
	for _, kv := range set {
		drop[envName(kv)] = true
	}
	var out []string
	for _, kv := range env {
		if !drop[envName(kv)] {
			out = append(out, kv)
		}
	}
	return append(out, set...)
}

// hostEnv is the environment of a generator's host build: the target's variables gone, the real
// GOROOT, and the host build cache.
func hostEnv(env []string, goroot, gocache string) []string {
	var out []string
	for _, kv := range env {
		if !isTargetOnly(envName(kv)) {
			out = append(out, kv)
		}
	}
	set := []string{"GOROOT=" + goroot}
	if gocache != "" {
		set = append(set, "GOCACHE="+gocache)
	}
	return withVars(out, set...)
}

// lookupEnv returns the last value of name in env.
func lookupEnv(env []string, name string) string {
	v := ""
	for _, kv := range env {
		if envName(kv) == name {
			v = strings.SplitN(kv, "=", 2)[1]
		}
	}
	return v
}
