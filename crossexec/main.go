// Command crossexec is the `go` that go-crossbuild's per-target `go generate` runs directives with.
//
// The problem: `GOARCH=arm64 go generate` on an amd64 runner builds every generator that a
// directive compiles (`go run gen.go`, `go run ./internal/gen`, `go run pkg@v1`, `go tool x`, a tool
// that `go build` makes and a later directive runs by path) for arm64, and the runner cannot
// execute it. Yet the directives must still see the target: build constraints pick its files,
// $GOARCH expands to it, and generators read GOOS/GOARCH from their environment.
//
// Why a `go` in a GOROOT of its own: `go generate` looks up a directive's command, `go` included,
// in $GOROOT/bin before PATH, and puts $GOROOT/bin first on the generator's PATH. So the action runs
// `go generate` with GOROOT set to a directory whose bin/go is this program and whose other entries
// link to the real, verified GOROOT. Every `go` a directive names, through `-command` aliases,
// `go generate <pkg>` recursion, `sh -c` or a generator's own `go list`, reaches this program,
// which decides at the command line, before anything is compiled for the target:
//
//   - go run, go tool <module tool>: build the program for the host (its slot below) and run it
//     with the directive's arguments, directory and environment: the target's GOOS/GOARCH.
//   - go build, go install, go test: build for the host, as they are run to make tools for later
//     directives; `go build` output lands where the directive asked. A directive that names its
//     own platform (`env GOOS=linux GOARCH=arm64 go build`) keeps it, and one that wants the
//     target's (a binary to embed) says GO_CROSSBUILD_BUILD_FOR=target.
//   - go generate: the real go with this GOROOT again, so nested directives are caught too.
//   - anything else (go list, go env, go mod, go tool compile...): the real go, for the target.
//
// Host builds drop the target's variables (GOOS, GOARCH, GOARM..., CGO_ENABLED, CC, CXX, CGO_*,
// PKG_CONFIG, AR) and keep GOFLAGS, so tags and -mod still apply. Each program is built once per
// job: see job.slot.
//
// The alternative, a go_GOOS_GOARCH_exec wrapper that rebuilds a cross-compiled binary from its
// build info, was the previous design. It could not rebuild `go run file.go` (its build info names
// only command-line-arguments), never saw tools run by path, and paid for a target build of every
// generator before the host build.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
)

func main() {
	j, err := jobFromEnv()
	if err != nil {
		fail("%v", err)
	}
	env := os.Environ()
	c := parse(os.Args[1:])
	dir, _ := os.Getwd()
	switch {
	case c.sub == "run":
		runOnHost(j, dir, env, c, strings.Join(append([]string{"go run"}, c.pkgs...), " "), c.args)
	case c.sub == "tool" && len(c.args) > 0 && !strings.HasPrefix(c.args[0], "-") && !j.builtinTool(c.args[0]):
		pkg, err := j.moduleTool(dir, env, c.args[0])
		if err != nil {
			fail("%v", err)
		}
		runOnHost(j, dir, env, command{sub: "build", pkgs: []string{pkg}}, "go tool "+c.args[0], c.args[1:])
	case (c.sub == "build" || c.sub == "install") && forTarget(dir, env):
		os.Exit(real(j, withVars(env, "GOROOT="+j.goroot), os.Args[1:]))
	case c.sub == "build":
		buildOnHost(j, dir, env, c)
	case c.sub == "install" || c.sub == "test":
		os.Exit(real(j, hostEnv(env, j.goroot, j.gocache), os.Args[1:]))
	case c.sub == "generate":
		os.Exit(real(j, env, os.Args[1:])) // GOROOT stays this shim's, so nested directives are caught
	default:
		os.Exit(real(j, withVars(env, "GOROOT="+j.goroot), os.Args[1:]))
	}
}

// forTarget reports whether a build asks for a target binary: by GO_CROSSBUILD_BUILD_FOR=target,
// by a directive that assigns GOOS or GOARCH itself (`env GOOS=linux GOARCH=arm64 go build`, even
// when that is the target: the values alone cannot tell), or by a GOOS/GOARCH that differs from
// the target that generate passes on.
func forTarget(dir string, env []string) bool {
	if lookupEnv(env, "GO_CROSSBUILD_BUILD_FOR") == "target" {
		return true
	}
	if explicitPlatform.MatchString(directive(dir, env)) {
		return true
	}
	target := lookupEnv(env, "GO_CROSSBUILD_TARGET")
	return target != "" && target != lookupEnv(env, "GOOS")+"/"+lookupEnv(env, "GOARCH")
}

var explicitPlatform = regexp.MustCompile(`\bGO(OS|ARCH)=`)

// directive is the text of the go:generate line being run (GOFILE and GOLINE, in the package
// directory), with the -command definition of its first word if it is an alias.
func directive(dir string, env []string) string {
	file, line := lookupEnv(env, "GOFILE"), lookupEnv(env, "GOLINE")
	n, err := strconv.Atoi(line)
	if file == "" || err != nil {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		return ""
	}
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	text := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[n-1]), "//go:generate"))
	words := strings.Fields(text)
	if len(words) == 0 {
		return text
	}
	for _, l := range lines[:n-1] {
		def := strings.Fields(strings.TrimPrefix(strings.TrimSpace(l), "//go:generate"))
		if strings.HasPrefix(strings.TrimSpace(l), "//go:generate") && len(def) > 2 && def[0] == "-command" && def[1] == words[0] {
			text += "\n" + strings.Join(def, " ")
		}
	}
	return text
}

func fail(format string, a ...interface{}) {
	where := ""
	if f := os.Getenv("GOFILE"); f != "" {
		where = fmt.Sprintf(" (directive at %s:%s)", f, os.Getenv("GOLINE"))
	}
	fmt.Fprintf(os.Stderr, "go-crossbuild: "+format+where+"\n", a...)
	os.Exit(2)
}

// real runs the real go and returns its exit code.
func real(j job, env, args []string) int {
	return run(exec.Command(j.goBin, args...), env)
}

func run(cmd *exec.Cmd, env []string) int {
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		fail("%v", err)
	}
	return 0
}

// runOnHost builds the program for the host and runs it as `go run` would, in the target's
// environment; `-exec prog` is honoured.
func runOnHost(j job, dir string, env []string, c command, what string, args []string) {
	b, err := j.hostBuild(dir, env, c)
	if err != nil {
		fail("could not build %s for the host %s/%s: %v", what, runtime.GOOS, runtime.GOARCH, err)
	}
	j.record(what, b, env)
	say(what, b, env)
	bin, done, err := private(b.path)
	if err != nil {
		fail("%v", err)
	}
	defer done()
	argv := append([]string{bin}, args...)
	if f, ok := c.lookup("exec"); ok {
		argv = append(strings.Fields(f.value()), argv...)
	}
	code := run(exec.Command(argv[0], argv[1:]...), env)
	done()
	os.Exit(code)
}

func say(what string, b built, env []string) {
	how := "reused"
	if b.linked {
		how = "built"
	}
	fmt.Fprintf(os.Stderr, "go-crossbuild: %s for %s/%s runs on the host %s/%s (%s)\n", what,
		lookupEnv(env, "GOOS"), lookupEnv(env, "GOARCH"), runtime.GOOS, runtime.GOARCH, how)
}

// buildOnHost builds a tool for the host and puts it where `go build` would have: the -o path, or
// for one main package or a list of files, the current directory under the go command's name.
// Several packages without -o are only compiled, as the go command does.
func buildOnHost(j job, dir string, env []string, c command) {
	o, hasO := c.lookup("o")
	if !hasO && len(c.pkgs) > 1 && !strings.HasSuffix(c.pkgs[0], ".go") {
		os.Exit(real(j, hostEnv(env, j.goroot, j.gocache), os.Args[1:]))
	}
	b, err := j.hostBuild(dir, env, c)
	if err != nil {
		if !hasO && errors.Is(err, errNoExecutable) {
			// A library package: go build only compiles it; so does the host.
			os.Exit(real(j, hostEnv(env, j.goroot, j.gocache), os.Args[1:]))
		}
		fail("could not build %s for the host %s/%s: %v", strings.Join(c.pkgs, " "), runtime.GOOS, runtime.GOARCH, err)
	}
	what := strings.Join(append([]string{"go build"}, c.pkgs...), " ")
	j.record(what, b, env)
	say(what, b, env)
	base := dir
	if f, ok := c.lookup("C"); ok {
		base = abs(dir, f.value())
	}
	dest := filepath.Join(base, filepath.Base(b.path))
	if hasO {
		dest = abs(base, o.value())
		if st, err := os.Stat(dest); (err == nil && st.IsDir()) || strings.HasSuffix(o.value(), "/") || strings.HasSuffix(o.value(), string(filepath.Separator)) {
			dest = filepath.Join(dest, filepath.Base(b.path))
		}
	}
	os.MkdirAll(filepath.Dir(dest), 0o755)
	os.Remove(dest)
	if err := copyFile(b.path, dest); err != nil {
		fail("%v", err)
	}
}

func abs(base, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, p)
}

// builtinTool reports whether name is one of the toolchain's own tools (compile, vet, cover...),
// which are host programs already.
func (j job) builtinTool(name string) bool {
	_, err := os.Stat(filepath.Join(j.goroot, "pkg", "tool", runtime.GOOS+"_"+runtime.GOARCH, name+exeSuffix))
	return err == nil
}

// moduleTool resolves a Go 1.24 `tool` directive name to its package, as `go tool` matches it:
// the full package path, or its default executable name.
func (j job) moduleTool(dir string, env []string, name string) (string, error) {
	cmd := exec.Command(j.goBin, "list", "-f", "{{.ImportPath}}", "tool")
	cmd.Dir, cmd.Env, cmd.Stderr = dir, hostEnv(env, j.goroot, j.gocache), os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list tool: %v", err)
	}
	var matches []string
	for _, p := range strings.Fields(string(out)) {
		if p == name || defaultExecName(p) == name {
			matches = append(matches, p)
		}
	}
	if len(matches) != 1 {
		return "", fmt.Errorf("go tool %s: %d tool packages of the main module match (%s)", name, len(matches), strings.Join(matches, ", "))
	}
	return matches[0], nil
}
