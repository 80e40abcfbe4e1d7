// Command crossexec is installed by go-crossbuild as go_<goos>_<goarch>_exec for a per-target
// `go generate`. When a directive's `go run` or `go tool` builds a generator for the target and the
// target is not the host, the go command runs `go_<goos>_<goarch>_exec <binary> <args...>`. This
// program rebuilds the same program for the host from the build info in the binary (main package,
// module version, tags, ldflags, gcflags, cgo) and runs it with the original arguments and the
// target's environment, so generators see GOOS/GOARCH of the target but execute on the runner.
//
// Host builds are kept in $GO_CROSSBUILD_HOST_TOOLS, keyed by the build info: the second run of a
// generator costs nothing.
package main

import (
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
)

// Variables that make a build target-specific: dropped from the host build's environment and key.
var targetVars = []string{"GOOS", "GOARCH", "GOARM", "GOAMD64", "GOARM64", "GO386", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "GOWASM"}

func main() {
	if len(os.Args) < 2 {
		fail("usage: go_GOOS_GOARCH_exec BINARY [ARGS...] (run by the go command, not by hand)")
	}
	bin, args := os.Args[1], os.Args[2:]
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		fail("cannot read the build info of %s: %v", bin, err)
	}
	host, cached, err := hostBuild(bin, info)
	if err != nil {
		fail("cannot rebuild %s for the host: %v", info.Path, err)
	}
	how := "built"
	if cached {
		how = "cached"
	}
	fmt.Fprintf(os.Stderr, "go-crossbuild: generator %s for %s/%s runs as a %s/%s host build (%s)\n", info.Path, setting(info, "GOOS"), setting(info, "GOARCH"), runtime.GOOS, runtime.GOARCH, how)
	cmd := exec.Command(host, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			os.Exit(exit.ExitCode())
		}
		fail("%v", err)
	}
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "go-crossbuild: "+format+"\n", a...)
	os.Exit(2)
}

func setting(info *debug.BuildInfo, key string) string {
	for _, s := range info.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// hostBuild returns the host build of the program, building it unless it is already kept.
func hostBuild(bin string, info *debug.BuildInfo) (path string, cached bool, err error) {
	root := os.Getenv("GO_CROSSBUILD_HOST_TOOLS")
	if root == "" {
		return "", false, errors.New("GO_CROSSBUILD_HOST_TOOLS is not set")
	}
	goBin := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	env := hostEnv()
	mainModules, err := output(goBin, env, "list", "-m", "-f", "{{.Path}}")
	inMain := err == nil && contains(strings.Fields(mainModules), info.Main.Path)
	key := hostKey(info)
	if inMain {
		// A main module's build info says only "(devel)": its source is known by the binary itself.
		data, err := os.ReadFile(bin)
		if err != nil {
			return "", false, err
		}
		key += fmt.Sprintf("binary %x\n", sha256.Sum256(data))
	}
	sum := sha256.Sum256([]byte(key))
	dir := filepath.Join(root, hex.EncodeToString(sum[:12]))
	name := strings.TrimSuffix(filepath.Base(bin), ".exe")
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	out := filepath.Join(dir, name)
	if _, err := os.Stat(out); err == nil {
		return out, true, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", false, err
	}
	tmp, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return "", false, err
	}
	defer os.RemoveAll(tmp)
	if err := build(goBin, env, info, inMain, filepath.Join(tmp, name)); err != nil {
		return "", false, err
	}
	// Rename, so that a concurrent run never sees a half-written binary.
	if err := os.Rename(filepath.Join(tmp, name), out); err != nil {
		if _, statErr := os.Stat(out); statErr != nil {
			return "", false, err
		}
	}
	return out, false, nil
}

// hostKey is the build info without the target: the same program for the host has the same key.
func hostKey(info *debug.BuildInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	for _, line := range strings.Split(info.String(), "\n") {
		// Settings read "build<TAB>KEY=VALUE".
		if f := strings.SplitN(line, "\t", 2); len(f) == 2 && f[0] == "build" && isTargetVar(strings.SplitN(f[1], "=", 2)[0]) {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func isTargetVar(name string) bool {
	for _, v := range targetVars {
		if v == name {
			return true
		}
	}
	return false
}

// build compiles info.Path for the host with the binary's own flags. A package of a main module
// (`go run ./internal/gen`, `go tool` of a module tool) is built in place, so the main module's
// requirements pick the versions; `go run pkg@version` is installed at that version.
func build(goBin string, env []string, info *debug.BuildInfo, inMain bool, out string) error {
	var flags []string
	for _, s := range info.Settings {
		switch s.Key {
		case "-tags", "-ldflags", "-gcflags", "-asmflags":
			flags = append(flags, s.Key+"="+s.Value)
		case "-trimpath":
			if s.Value == "true" {
				flags = append(flags, "-trimpath")
			}
		case "CGO_ENABLED":
			env = append(env, "CGO_ENABLED="+s.Value)
		}
	}
	var cmd *exec.Cmd
	versioned := !inMain && info.Main.Version != "" && info.Main.Version != "(devel)"
	if versioned {
		// `go install pkg@version` ignores the current module and its GOFLAGS.
		cmd = exec.Command(goBin, append(append([]string{"install"}, flags...), info.Path+"@"+info.Main.Version)...)
		cmd.Env = append(env, "GOBIN="+filepath.Dir(out), "GOFLAGS=")
	} else {
		cmd = exec.Command(goBin, append(append([]string{"build", "-o", out}, flags...), info.Path)...)
		cmd.Env = env
	}
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", strings.Join(cmd.Args, " "), err)
	}
	if versioned {
		installed := filepath.Join(filepath.Dir(out), filepath.Base(info.Path))
		if runtime.GOOS == "windows" {
			installed += ".exe"
		}
		if installed != out {
			return os.Rename(installed, out)
		}
	}
	return nil
}

// hostEnv is the generator's environment without the target's variables, with the host GOCACHE.
func hostEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name := strings.SplitN(kv, "=", 2)[0]
		if isTargetVar(name) || name == "CGO_ENABLED" || name == "GOCACHE" {
			continue
		}
		env = append(env, kv)
	}
	if c := os.Getenv("GO_CROSSBUILD_HOST_GOCACHE"); c != "" {
		env = append(env, "GOCACHE="+c)
	}
	return env
}

func output(goBin string, env []string, args ...string) (string, error) {
	cmd := exec.Command(goBin, args...)
	cmd.Env = env
	out, err := cmd.Output()
	return string(out), err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
