package main

import "strings"

// valueFlags are the build flags of run, build, install and test that take a value as the next
// argument when written without "=" (go help build). Every other flag is a boolean.
var valueFlags = map[string]bool{
	"C": true, "p": true, "o": true, "asmflags": true, "buildmode": true, "compiler": true,
	"gccgoflags": true, "gcflags": true, "installsuffix": true, "ldflags": true, "mod": true,
	"modfile": true, "overlay": true, "pgo": true, "pkgdir": true, "tags": true, "toolexec": true,
	"exec": true, "covermode": true, "coverpkg": true, "coverprofile": true, "debug-actiongraph": true,
	"debug-runtime-trace": true, "debug-trace": true, "reuse": true,
}

// flag is one command-line flag, as written: "-tags=a,b" or ["-tags", "a,b"].
type flag struct {
	name  string
	words []string
}

func (f flag) value() string {
	if len(f.words) == 2 {
		return f.words[1]
	}
	if i := strings.IndexByte(f.words[0], '='); i >= 0 {
		return f.words[0][i+1:]
	}
	return ""
}

// command is a go command line split the way the go command splits it.
type command struct {
	sub   string
	flags []flag
	// pkgs are the packages or .go files; for run only the program, before its arguments.
	pkgs []string
	// args are the program's own arguments (run) or the tool's (tool).
	args []string
}

// parse splits `go SUB [flags] [packages] [args]`. For run, a first argument ending in .go takes
// every following .go argument as a file, else one package; the rest belongs to the program.
func parse(argv []string) command {
	if len(argv) == 0 {
		return command{}
	}
	c := command{sub: argv[0]}
	rest := argv[1:]
	if c.sub == "tool" {
		c.args = rest
		return c
	}
	for len(rest) > 0 {
		w := rest[0]
		if w == "--" {
			rest = rest[1:]
			break
		}
		if !strings.HasPrefix(w, "-") || w == "-" {
			break
		}
		name := strings.TrimLeft(w, "-")
		if i := strings.IndexByte(name, '='); i >= 0 {
			name = name[:i]
			c.flags = append(c.flags, flag{name, []string{w}})
			rest = rest[1:]
			continue
		}
		if valueFlags[name] && len(rest) > 1 {
			c.flags = append(c.flags, flag{name, rest[:2]})
			rest = rest[2:]
			continue
		}
		c.flags = append(c.flags, flag{name, []string{w}})
		rest = rest[1:]
	}
	if c.sub != "run" {
		c.pkgs = rest
		return c
	}
	n := 0
	for n < len(rest) && strings.HasSuffix(rest[n], ".go") {
		n++
	}
	if n == 0 && len(rest) > 0 {
		n = 1
	}
	c.pkgs, c.args = rest[:n], rest[n:]
	return c
}

// lookup returns the last flag of that name (the go command's flag package keeps the last).
func (c command) lookup(name string) (flag, bool) {
	for i := len(c.flags) - 1; i >= 0; i-- {
		if c.flags[i].name == name {
			return c.flags[i], true
		}
	}
	return flag{}, false
}

// without returns the flags minus those named, flattened to words.
func (c command) without(names ...string) []string {
	var out []string
	for _, f := range c.flags {
		skip := false
		for _, n := range names {
			skip = skip || f.name == n
		}
		if !skip {
			out = append(out, f.words...)
		}
	}
	return out
}

// versioned reports whether the command names one package at a version (`pkg@v1.2.3`), which the
// go command builds outside the main module.
func (c command) versioned() bool {
	return len(c.pkgs) == 1 && strings.Contains(c.pkgs[0], "@") && !strings.HasSuffix(c.pkgs[0], ".go")
}

// defaultExecName is the go command's name for a package's executable: the last path element,
// or the one before a major-version suffix (example.com/cmd/tool/v2 → tool).
func defaultExecName(importPath string) string {
	importPath = strings.SplitN(importPath, "@", 2)[0]
	elems := strings.Split(importPath, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		return elems[len(elems)-2]
	}
	return last
}
