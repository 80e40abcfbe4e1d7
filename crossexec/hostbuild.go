package main

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// job is what every go-crossbuild generate run shares: set by the action in the environment.
type job struct {
	goroot  string // the real, verified GOROOT
	goBin   string // its go
	tools   string // where host builds of generators are kept, one directory per program
	gocache string // the host build cache
	tree    string // the root of this target's copy of the sources
}

func jobFromEnv() (job, error) {
	j := job{
		goroot:  os.Getenv("GO_CROSSBUILD_GOROOT"),
		tools:   os.Getenv("GO_CROSSBUILD_HOST_TOOLS"),
		gocache: os.Getenv("GO_CROSSBUILD_HOST_GOCACHE"),
		tree:    os.Getenv("GO_CROSSBUILD_TREE"),
	}
	if j.goroot == "" || j.tools == "" {
		return j, errors.New("GO_CROSSBUILD_GOROOT and GO_CROSSBUILD_HOST_TOOLS must be set (this go is go-crossbuild's generate shim)")
	}
	j.goBin = filepath.Join(j.goroot, "bin", "go"+exeSuffix)
	return j, nil
}

var exeSuffix = map[bool]string{true: ".exe", false: ""}[runtime.GOOS == "windows"]

// slot is the directory of one program's host build. It is named by what the directive asks for
// (directory relative to the source tree, flags, packages), not by the tree's own path, so every
// target's copy of the sources shares one build. The build itself uses -trimpath, so its action
// IDs do not depend on where the copy is: the go command finds the kept binary up to date and
// relinks only when the program's sources or flags really differ.
func (j job) slot(kind, dir string, flags, pkgs []string) string {
	if importPaths(pkgs) {
		// The same import path is the same program anywhere in one module.
		dir = moduleRoot(dir)
	}
	rel := dir
	if j.tree != "" {
		if r, err := filepath.Rel(j.tree, dir); err == nil && !strings.HasPrefix(r, "..") {
			rel = filepath.ToSlash(r)
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%s\n%s\n", j.goroot, kind, rel, strings.Join(flags, "\x00"), strings.Join(pkgs, "\x00"))
	return filepath.Join(j.tools, hex.EncodeToString(h.Sum(nil))[:24])
}

// importPaths reports whether pkgs are import paths (`golang.org/x/sys/windows/mkwinsyscall`),
// not directories or files relative to where the directive runs.
func importPaths(pkgs []string) bool {
	for _, p := range pkgs {
		if p == "" || strings.HasPrefix(p, ".") || filepath.IsAbs(p) || strings.HasSuffix(p, ".go") {
			return false
		}
	}
	return len(pkgs) > 0
}

// moduleRoot is the nearest directory at or above dir with a go.mod, or dir.
func moduleRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// built is a host binary, and whether this call linked it (false: the kept one was up to date).
type built struct {
	path   string
	linked bool
}

// errNoExecutable: the packages built, but none is a main package (`go build` of a library).
var errNoExecutable = errors.New("no executable: not a main package")

// hostBuild builds a program for the host into its slot, one process at a time per slot. The go
// command writes the executable with its default name into the slot directory (`-o dir/`), or, for
// `pkg@version`, installs it there, as `go run` would have built it.
func (j job) hostBuild(dir string, env []string, c command) (built, error) {
	flags := c.without("o", "exec")
	s := j.slot(c.sub, dir, flags, c.pkgs)
	if err := os.MkdirAll(s, 0o755); err != nil {
		return built{}, err
	}
	unlock, err := lock(s + ".lock")
	if err != nil {
		return built{}, err
	}
	defer unlock()
	before := buildIDs(s)
	var args []string
	if f, ok := c.lookup("C"); ok {
		args = append(args, f.words...) // -C must come first
		flags = c.without("o", "exec", "C")
	}
	henv := hostEnv(env, j.goroot, j.gocache)
	if c.versioned() {
		// As `go run pkg@version`: outside the main module, at that version.
		args = append(append([]string{"install"}, args...), flags...)
		henv = withVars(henv, "GOBIN="+s)
	} else {
		// -buildvcs=false: `go run` stamps no VCS either, and `git status` in every target's copy at
		// once would fight over the checkout's .git/index.lock.
		args = append(append(append([]string{"build"}, args...), "-o", s+string(filepath.Separator), "-trimpath", "-buildvcs=false"), flags...)
	}
	cmd := exec.Command(j.goBin, append(args, c.pkgs...)...)
	cmd.Dir, cmd.Env = dir, henv
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return built{}, fmt.Errorf("go %s: %v", strings.Join(args, " "), err)
	}
	after := buildIDs(s)
	if len(after) == 0 {
		return built{}, errNoExecutable
	}
	if len(after) != 1 {
		return built{}, fmt.Errorf("expected one executable in %s after the build, found %d", s, len(after))
	}
	for name, id := range after {
		// The go command touches an up-to-date executable but does not relink it: its build ID
		// changes only when it was linked anew.
		old, had := before[name]
		return built{filepath.Join(s, name), !had || old != id}, nil
	}
	panic("unreachable")
}

// buildIDs maps each executable in dir to its Go build ID.
func buildIDs(dir string) map[string]string {
	out := map[string]string{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() {
			out[e.Name()] = buildID(filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// buildID reads the Go build ID the linker records: in ELF, the .note.go.buildid note; in Mach-O
// and PE, a marker near the start of the text (as cmd/internal/buildid reads them). "" if none.
func buildID(path string) string {
	if f, err := elf.Open(path); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			// namesz, descsz, type, "Go\x00\x00", then descsz bytes of ID (padded to 4).
			if data, err := sec.Data(); err == nil && len(data) > 16 {
				if n := int(f.ByteOrder.Uint32(data[4:8])); 16+n <= len(data) {
					return string(data[16 : 16+n])
				}
			}
		}
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 32*1024)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	marker := []byte("\xff Go build ID: \"")
	i := bytes.Index(head, marker)
	if i < 0 {
		return ""
	}
	rest := head[i+len(marker):]
	if j := bytes.IndexByte(rest, '"'); j >= 0 {
		return string(rest[:j])
	}
	return ""
}

// lock takes a directory as a lock (mkdir is atomic everywhere); a lock older than ten minutes is
// taken to be left by a killed process.
func lock(path string) (func(), error) {
	for {
		err := os.Mkdir(path, 0o755)
		if err == nil {
			return func() { os.Remove(path) }, nil
		}
		if !os.IsExist(err) {
			return nil, err
		}
		if st, err := os.Stat(path); err == nil && time.Since(st.ModTime()) > 10*time.Minute {
			os.Remove(path)
			continue
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// private returns a link to the kept binary that this process alone runs, so that another
// target relinking the slot meanwhile cannot touch the running file.
func private(bin string) (string, func(), error) {
	dir, err := os.MkdirTemp(filepath.Dir(filepath.Dir(bin)), "run-")
	if err != nil {
		return "", nil, err
	}
	done := func() { os.RemoveAll(dir) }
	p := filepath.Join(dir, filepath.Base(bin))
	if err := os.Link(bin, p); err != nil {
		if err := copyFile(bin, p); err != nil {
			done()
			return "", nil, err
		}
	}
	return p, done, nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	st, err := os.Stat(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, st.Mode().Perm())
}

// record appends one line per host build decision for the action's report.
func (j job) record(what string, b built, env []string) {
	state := "reused"
	if b.linked {
		state = "built"
	}
	f, err := os.OpenFile(filepath.Join(j.tools, "events.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s\t%s\t%s/%s\n", state, what, lookupEnv(env, "GOOS"), lookupEnv(env, "GOARCH"))
}
