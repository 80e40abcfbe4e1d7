package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestHostEnv(t *testing.T) {
	target := []string{
		"PATH=/shim/bin:/usr/bin", "GOOS=linux", "GOARCH=arm64", "GOARM64=v8.2", "CGO_ENABLED=1",
		"CC=aarch64-linux-gnu-gcc", "CXX=aarch64-linux-gnu-g++", "CGO_CFLAGS=-O2", "CGO_LDFLAGS=-static",
		"PKG_CONFIG=aarch64-pkg-config", "AR=aarch64-ar", "GOFLAGS=-mod=vendor -tags=netgo",
		"GOROOT=/shim", "GOCACHE=/cache/linux-arm64", "HOME=/home/u",
	}
	got := hostEnv(target, "/go", "/cache/host")
	want := []string{"PATH=/shim/bin:/usr/bin", "GOFLAGS=-mod=vendor -tags=netgo", "HOME=/home/u", "GOROOT=/go", "GOCACHE=/cache/host"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hostEnv =\n %q\nwant\n %q", got, want)
	}
}

func TestWithVarsAndLookup(t *testing.T) {
	env := withVars([]string{"A=1", "B=2", "A=3"}, "A=4")
	if !reflect.DeepEqual(env, []string{"B=2", "A=4"}) {
		t.Errorf("withVars = %q", env)
	}
	if lookupEnv([]string{"X=1", "X=2=3"}, "X") != "2=3" {
		t.Error("lookupEnv takes the last value, whole")
	}
}

func TestSlotIgnoresWhereTheTreeIs(t *testing.T) {
	a := job{goroot: "/go", tools: "/t", tree: "/tmp/a"}
	b := job{goroot: "/go", tools: "/t", tree: "/tmp/b"}
	if a.slot("run", "/tmp/a/pkg", nil, []string{"gen.go"}) != b.slot("run", "/tmp/b/pkg", nil, []string{"gen.go"}) {
		t.Error("the same directive in two copies of the tree must share a slot")
	}
	if a.slot("run", "/tmp/a/pkg", nil, []string{"gen.go"}) == a.slot("run", "/tmp/a/other", nil, []string{"gen.go"}) {
		t.Error("gen.go of two packages are two programs")
	}
	mod := t.TempDir()
	os.MkdirAll(filepath.Join(mod, "windows", "registry"), 0o755)
	os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module golang.org/x/sys\n"), 0o644)
	m := job{goroot: "/go", tools: "/t", tree: mod}
	pkg := []string{"golang.org/x/sys/windows/mkwinsyscall"}
	if m.slot("run", filepath.Join(mod, "windows"), nil, pkg) != m.slot("run", filepath.Join(mod, "windows", "registry"), nil, pkg) {
		t.Error("an import path names one program anywhere in its module")
	}
	if m.slot("run", filepath.Join(mod, "windows"), nil, []string{"."}) == m.slot("run", filepath.Join(mod, "windows", "registry"), nil, []string{"."}) {
		t.Error(". is a different package in each directory")
	}
	if a.slot("run", "/tmp/a/pkg", []string{"-tags=x"}, []string{"gen.go"}) == a.slot("run", "/tmp/a/pkg", nil, []string{"gen.go"}) {
		t.Error("flags make another build")
	}
}

func TestForTarget(t *testing.T) {
	dir := t.TempDir()
	src := "package x\n\n//go:generate go build ./cmd/tool\n//go:generate env GOOS=linux GOARCH=arm64 go build -o helper.bin ./cmd/helper\n" +
		"//go:generate -command armbuild env GOARCH=arm64 go build\n//go:generate armbuild -o h2.bin ./cmd/helper\n"
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	at := func(line string, extra ...string) []string {
		return append([]string{"GO_CROSSBUILD_TARGET=linux/arm64", "GOOS=linux", "GOARCH=arm64", "GOFILE=x.go", "GOLINE=" + line}, extra...)
	}
	if forTarget(dir, at("3")) {
		t.Error("a plain go build in a directive is for the host")
	}
	if !forTarget(dir, at("4")) {
		t.Error("a directive that sets GOOS/GOARCH itself keeps them, even when they are the target's")
	}
	if !forTarget(dir, at("6")) {
		t.Error("so does one whose -command alias sets them")
	}
	if !forTarget(dir, at("3", "GOARCH=riscv64")) {
		t.Error("a GOARCH other than the target's was set on purpose")
	}
	if !forTarget(dir, at("3", "GO_CROSSBUILD_BUILD_FOR=target")) {
		t.Error("GO_CROSSBUILD_BUILD_FOR=target keeps the target")
	}
}

func TestBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "tool", "buildid", exe).Output()
	if err != nil {
		t.Skip("go tool buildid:", err)
	}
	if got, want := buildID(exe), strings.TrimSpace(string(out)); got != want {
		t.Errorf("buildID(test binary) = %q, want %q", got, want)
	}
}
