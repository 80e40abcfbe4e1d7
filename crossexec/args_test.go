package main

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		argv        []string
		sub         string
		flags, pkgs []string
		args        []string
	}{
		{[]string{"run", "gen.go"}, "run", nil, []string{"gen.go"}, []string{}},
		{[]string{"run", "gen.go", "helpers.go", "-out", "x.go"}, "run", nil, []string{"gen.go", "helpers.go"}, []string{"-out", "x.go"}},
		{[]string{"run", "../docs/man/mangen.go", "-root", ".."}, "run", nil, []string{"../docs/man/mangen.go"}, []string{"-root", ".."}},
		{[]string{"run", "-mod=mod", "-tags", "tools", "./internal/gen", "-goarch", "arm64"}, "run", []string{"-mod=mod", "-tags tools"}, []string{"./internal/gen"}, []string{"-goarch", "arm64"}},
		{[]string{"run", "golang.org/x/tools/cmd/stringer@v0.30.0", "-type=Kind"}, "run", nil, []string{"golang.org/x/tools/cmd/stringer@v0.30.0"}, []string{"-type=Kind"}},
		{[]string{"run", "-exec", "echo", "x.go", "--", "a"}, "run", []string{"-exec echo"}, []string{"x.go"}, []string{"--", "a"}},
		{[]string{"run", "--", "x.go"}, "run", nil, []string{"x.go"}, []string{}},
		{[]string{"build", "-o", "bin/extract", "-trimpath", "./internal/cmd/extract"}, "build", []string{"-o bin/extract", "-trimpath"}, []string{"./internal/cmd/extract"}, nil},
		{[]string{"build"}, "build", nil, []string{}, nil},
		{[]string{"build", "-buildvcs=false", "-v"}, "build", []string{"-buildvcs=false", "-v"}, []string{}, nil},
		{[]string{"tool", "stamp", "-out", "x"}, "tool", nil, nil, []string{"stamp", "-out", "x"}},
	} {
		c := parse(tc.argv)
		var flags []string
		for _, f := range c.flags {
			flags = append(flags, join(f.words))
		}
		if c.sub != tc.sub || !reflect.DeepEqual(flags, tc.flags) || !eq(c.pkgs, tc.pkgs) || !eq(c.args, tc.args) {
			t.Errorf("parse(%q) = %s %q %q %q; want %s %q %q %q", tc.argv, c.sub, flags, c.pkgs, c.args, tc.sub, tc.flags, tc.pkgs, tc.args)
		}
	}
}

func join(w []string) string {
	if len(w) == 2 {
		return w[0] + " " + w[1]
	}
	return w[0]
}

func eq(a, b []string) bool { return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b)) }

func TestFlagsAndVersions(t *testing.T) {
	c := parse([]string{"build", "-o", "a", "-tags=x", "-o=b", "./cmd"})
	if f, _ := c.lookup("o"); f.value() != "b" {
		t.Errorf("last -o wins: got %q", f.value())
	}
	if got := c.without("o"); !reflect.DeepEqual(got, []string{"-tags=x"}) {
		t.Errorf("without(o) = %q", got)
	}
	if !parse([]string{"run", "example.com/gen@v1.0.0"}).versioned() || parse([]string{"run", "./gen"}).versioned() {
		t.Error("versioned")
	}
}

func TestDefaultExecName(t *testing.T) {
	for in, want := range map[string]string{
		"example.com/cmd/stamp":             "stamp",
		"example.com/tool/v2":               "tool",
		"golang.org/x/tools/cmd/stringer":   "stringer",
		"example.com/gen@v1.0.0":            "gen",
		"github.com/cilium/ebpf/cmd/bpf2go": "bpf2go",
		"example.com/v2":                    "example.com",
	} {
		if got := defaultExecName(in); got != want {
			t.Errorf("defaultExecName(%q) = %q, want %q", in, got, want)
		}
	}
}
