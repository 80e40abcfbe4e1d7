// The Go-release-shaped tree the module-hash and preinstalled tests share, with its h1.

/** The toolchain module version the tree is hashed as. */
export const V = 'v0.0.1-go1.24.1.linux-amd64';

// A small tree of the shape of a Go release: contents, by path relative to GOROOT. Names that Go's
// byte order and JavaScript's UTF-16 order sort differently (U+FF01 is EF BC 81 in UTF-8 and 0xFF01
// in UTF-16; U+1F600 is F0 9F 98 80 and the surrogate 0xD83D) and `/` against `-` and `.`.
export const TREE: Record<string, string> = {
  VERSION: 'go1.24.1\ntime 2025-03-04T17:19:50Z\n',
  'bin/go': 'go binary',
  'src/go.mod': 'module std\n',
  'src/cmd/go.mod': 'module cmd\n',
  'src/a-b.go': 'a-b',
  'src/a/b.go': 'a/b',
  'src/a.go': 'a',
  'src/\uFF01.txt': 'fullwidth',
  'src/\u{1F600}.txt': 'emoji',
  'api/go1.txt': 'not in the module',
  'doc/go_spec.html': 'not in the module',
  'misc/wasm/wasm_exec.js': 'not in the module',
  'test/fixedbugs/x.go': 'not in the module',
};

// Computed once with Go's own implementation: golang.org/x/mod/sumdb/dirhash.Hash1 (vendored at
// /usr/share/go-1.24/src/cmd/vendor/golang.org/x/mod/sumdb/dirhash/hash.go), called from a small Go
// program with the module names and contents of TREE's first nine files (go.mod renamed _go.mod, as
// cmd/distpack names them). The same tool gave h1:Z9qJfy+2QfsxUUw82XUVfXgGQDP4l0SiwQjSSP61xQo= for
// the module zip that distpack built from Debian's Go 1.24.4, which this code computed from the
// extracted binary archive.
export const TREE_H1 = 'h1:u3Qns33PLQ+eIVfTZZxMYkeJYyz5t6Dp492AuVKdphI=';
