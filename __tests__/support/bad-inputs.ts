// The bad-input corpus: every input with its malformed, conflicting, traversal and secret-bearing
// variants. Each is refused by reading the inputs (__tests__/unit/inputs/read.test.ts runs them all
// through a fake input source), or, when marked `late`, only once the action knows the release, the
// ports or the module (those run end to end). __tests__/e2e/bad-inputs.test.ts runs the late ones and
// one row per other error path (`e2e`) through the bundled action.

export const H = 'a'.repeat(64);

export interface BadInput {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  files?: Record<string, string>;
  /** The input the error must name (its annotation title). */
  input: string;
  /** Text the message must contain: the value and the problem. */
  says: string[];
  /** Text that must appear nowhere in the step's output (secrets, file contents). */
  never?: string[];
  /** Refused only after the inputs were read: by the release index, the ports or the module. */
  late?: true;
  /** Also run end to end: the row that proves the contract for its error path. */
  e2e?: true;
}

export const BAD_INPUTS: Record<string, BadInput> = {
  'a word for a version': {
    e2e: true,
    inputs: { 'go-version': 'banana' },
    input: 'go-version',
    says: ['"banana"', 'not a Go version', 'Allowed: an exact version'],
  },
  'a four-part version': { inputs: { 'go-version': '1.24.4.5' }, input: 'go-version', says: ['"1.24.4.5"', 'not a Go version'] },
  'a malformed range': { inputs: { 'go-version': '>=1.22 <' }, input: 'go-version', says: ['">=1.22 <"', 'not a Go version'] },
  'a YAML-mangled 1.20': { inputs: { 'go-version': '1.2' }, input: 'go-version', says: ['"1.2"', 'YAML turned 1.20 into 1.2', 'quote'] },
  'a Go too old': { inputs: { 'go-version': '1.15.5' }, input: 'go-version', says: ['"1.15.5"', 'before 1.16'] },
  'an unknown exact version': {
    late: true,
    inputs: { 'go-version': '1.99.1' },
    input: 'go-version',
    says: ['"1.99.1"', 'no such Go release', 'such as'],
  },
  'a range nothing matches': {
    late: true,
    inputs: { 'go-version': '^1.98' },
    input: 'go-version',
    says: ['"^1.98"', 'no stable Go release in the index matches'],
  },
  // Setup mode without a version uses the Go on PATH (as setup-go does): a build does not.
  'no version for a build': {
    e2e: true,
    inputs: { targets: 'linux/amd64' },
    input: 'go-version',
    says: ['""', 'build mode needs a pinned toolchain, and neither go-version nor go-version-file is set', 'Allowed: go-version ('],
  },
  'no version for a plan': {
    inputs: { mode: 'plan', targets: 'linux/amd64' },
    input: 'go-version',
    says: ['plan mode needs a pinned toolchain', 'only setup mode uses the Go on PATH'],
  },
  'no version, and no go on PATH': {
    late: true,
    inputs: {},
    env: { PATH: '/nonexistent/go-crossbuild/bin' },
    input: 'go-version',
    says: ['""', 'neither go-version nor go-version-file is set, and there is no go on PATH', 'Allowed: go-version (', 'go-version-file ('],
  },
  'a go-sha256 with no version to check': {
    inputs: { 'go-sha256': H },
    input: 'go-sha256',
    says: [`"${H}"`, 'neither go-version nor go-version-file is set', 'Allowed: go-version ('],
  },
  'a missing version file': {
    e2e: true,
    inputs: { 'go-version-file': 'sub/go.mod' },
    input: 'go-version-file',
    says: ['"sub/go.mod"', 'no such file'],
  },
  'a go.mod without go line': {
    inputs: { 'go-version-file': 'go.mod' },
    files: { 'go.mod': 'module x\n' },
    input: 'go-version-file',
    says: ['"go.mod"', 'no "go" or "toolchain" line'],
  },
  'a .tool-versions without golang': {
    inputs: { 'go-version-file': '.tool-versions' },
    files: { '.tool-versions': 'nodejs 20.1.0\n' },
    input: 'go-version-file',
    says: ['".tool-versions"', 'no "golang" line'],
  },
  'a garbage toolchain line': {
    inputs: { 'go-version-file': 'go.mod' },
    files: { 'go.mod': 'module x\ngo 1.24\ntoolchain gobanana\n' },
    input: 'go-version-file',
    says: ['"toolchain gobanana"', 'not a Go version'],
  },
  'a hash that is not hex': {
    inputs: { 'go-version': '1.24.4', 'go-sha256': 'xyz' },
    input: 'go-sha256',
    says: ['"xyz"', 'is not a SHA-256'],
  },
  'a pin line without a file name shape': {
    inputs: { 'go-version': '1.24.4', 'go-sha256': `${H}  ../go.tar.gz\n${H}  b.tar.gz` },
    input: 'go-sha256',
    says: ['../go.tar.gz', 'is not "HASH  FILENAME"'],
  },
  'one file pinned twice': {
    inputs: { 'go-version': '1.24.4', 'go-sha256': `${H}  a.tar.gz\n${'b'.repeat(64)}  a.tar.gz` },
    input: 'go-sha256',
    says: ['a.tar.gz is pinned to two different hashes'],
  },
  'a toolchain module line with no h1': {
    inputs: { 'go-version': '1.24.4', 'go-sha256': `golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h2:${'A'.repeat(43)}=` },
    input: 'go-sha256',
    says: [
      'golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h2:',
      'is not an h1: hash',
      'golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h1:HASH',
    ],
  },
  'a toolchain module line naming no release': {
    inputs: { 'go-version': '1.24.4', 'go-sha256': `golang.org/toolchain v1.24.4 h1:${'A'.repeat(43)}=` },
    input: 'go-sha256',
    says: ['"v1.24.4" is not a toolchain module version'],
  },
  'a toolchain module pinned twice': {
    inputs: {
      'go-version': '1.24.4',
      'go-sha256': `golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h1:${'A'.repeat(43)}=\ngolang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h1:${'B'.repeat(43)}=`,
    },
    input: 'go-sha256',
    says: ['golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 is pinned to two different hashes'],
  },
  'pins that miss the needed archive': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': `${H}  go1.24.4.darwin-arm64.tar.gz` },
    input: 'go-sha256',
    says: ['no line pins go1.24.4.linux-amd64.tar.gz'],
  },
  'an ftp mirror': {
    inputs: { 'go-version': '1.24.4', 'go-download-base-url': 'ftp://mirror.example/go' },
    input: 'go-download-base-url',
    says: ['"ftp://mirror.example/go"', 'ftp: is not supported'],
  },
  'a mirror that is no URL': {
    inputs: { 'go-version': '1.24.4', 'go-download-base-url': 'mirror/go' },
    input: 'go-download-base-url',
    says: ['"mirror/go"', 'not a URL'],
  },
  'a mirror URL with credentials': {
    e2e: true,
    inputs: { 'go-version': '1.24.4', 'go-download-base-url': 'https://me:s3cret@mirror.example/go' },
    input: 'go-download-base-url',
    says: ['https://***@mirror.example/go', 'credentials in the URL'],
    never: ['s3cret'],
  },
  'a bad GO_DOWNLOAD_BASE_URL': {
    e2e: true,
    inputs: { 'go-version': '1.24.4', 'go-download-base-url': '' },
    env: { GO_DOWNLOAD_BASE_URL: 'file:///srv/go' },
    input: 'go-download-base-url (from env GO_DOWNLOAD_BASE_URL)',
    says: ['"file:///srv/go"', 'file: is not supported'],
  },
  'an unknown architecture': {
    inputs: { 'go-version': '1.24.4', architecture: 'sparc' },
    input: 'architecture',
    says: ['"sparc"', 'unknown architecture', 'x64, amd64'],
  },
  'a check-latest that is no boolean': {
    inputs: { 'go-version': '1.24', 'check-latest': 'maybe' },
    input: 'check-latest',
    says: ['"maybe"', 'not a boolean', 'true or false'],
  },
  'a missing working directory': {
    inputs: { 'go-version': '1.24.4', 'working-directory': 'nope' },
    input: 'working-directory',
    says: ['"nope"', 'no such directory'],
  },
  'a target without an arch': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64, linux' },
    input: 'targets',
    says: ['"linux/amd64, linux"', '"linux" is not goos/goarch[/variant]'],
  },
  'an arm variant that does not exist': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/arm/8' },
    input: 'targets',
    says: ['"8" is not a variant of arm (GOARM: 5, 6, 7'],
  },
  'a variant on an arch without variants': {
    inputs: { 'go-version': '1.24.4', targets: 'darwin/arm64/v9.0, linux/s390x/z15' },
    input: 'targets',
    says: ['linux/s390x has no variants'],
  },
  // darwin/universal is assembled from the two darwin slices: without one, nothing is built.
  'a universal binary without its arm64 slice': {
    late: true,
    inputs: { 'go-version': '1.24.4', targets: 'darwin/amd64, darwin/universal' },
    input: 'targets',
    says: ['"darwin/universal"', 'darwin/arm64 is not among the targets', 'add darwin/arm64 to targets'],
  },
  'a universal binary whose slice is excluded': {
    late: true,
    inputs: { 'go-version': '1.24.4', targets: 'first-class, darwin/universal', 'exclude-targets': 'darwin/amd64' },
    input: 'targets',
    says: ['"darwin/universal"', 'darwin/amd64 is not among the targets (exclude-targets removes darwin/amd64)'],
  },
  'a universal binary with a variant': {
    inputs: { 'go-version': '1.24.4', targets: 'darwin/universal/v3' },
    input: 'targets',
    says: ['"darwin/universal/v3"', 'darwin/universal takes no variant or C library'],
  },
  'an exclusion that is no pattern': {
    inputs: { 'go-version': '1.24.4', targets: 'all', 'exclude-targets': 'windows' },
    input: 'exclude-targets',
    says: ['"windows" is not a target pattern'],
  },
  'an env line without =': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', env: 'FOO' },
    input: 'env',
    says: ['"FOO"', 'not KEY=VALUE'],
  },
  'an env line setting GOARCH': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', env: 'linux/amd64: GOARCH=arm64' },
    input: 'env',
    says: ['GOARCH is set by the action'],
  },
  'build-flags setting -o': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'build-flags': '-v -o /tmp/x' },
    input: 'build-flags',
    says: ['-o is set by the action'],
  },
  'build-flags with an open quote': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'build-flags': `-gcflags 'all=-N` },
    input: 'build-flags',
    says: [`"-gcflags 'all=-N"`, "the ' that opens 'all=-N is never closed", 'as go splits GOFLAGS'],
  },
  'build-flags with a shell quote inside a word': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'build-flags': '-gcflags="all=-N -l"' },
    input: 'build-flags',
    says: ['-gcflags="all=-N has a quote inside a word', "'-gcflags=all=-N -l'"],
  },
  'build-flags with a -gcflags value go refuses': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'build-flags': `-gcflags '"-N -l"'` },
    input: 'build-flags',
    says: ['the value of -gcflags: it starts with a " quote'],
  },
  'build-flags ending in a flag without its value': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'build-flags': '-v -asmflags' },
    input: 'build-flags',
    says: ['"-v -asmflags"', '-asmflags has no value'],
  },
  'build-flags with -C': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'build-flags': '-C cmd/tool' },
    input: 'build-flags',
    says: ['"-C cmd/tool"', '-C must be the first argument of go', 'working-directory'],
  },
  // Go splits the -ldflags value itself: this failed after the download and a compile, as "Build failed".
  'ldflags with an open quote (checked before any download)': {
    e2e: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'linux/amd64', ldflags: `-s -w -X 'main.version={version}` },
    input: 'ldflags',
    says: [`"-s -w -X 'main.version={version}"`, "the ' that opens 'main.version={version} is never closed", 'as go build takes it'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'ldflags that are neither flags nor pattern=flags': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', ldflags: 's -w' },
    input: 'ldflags',
    says: ['"s -w"', 'does not start with -, so go build reads it as pattern=flags, and it has no ='],
  },
  'ldflags quoted once too often': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', ldflags: '"-s -w"' },
    input: 'ldflags',
    says: ['it starts with a " quote', 'pattern=flags'],
  },
  'an unknown ldflags placeholder': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', ldflags: '-X main.v={branch}' },
    input: 'ldflags',
    says: ['unknown placeholder {branch}', '{version}, {tag}, {commit} and {date}'],
  },
  'an artifact name with a slash': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'artifact-name': 'bin/{name}-{goos}' },
    input: 'artifact-name',
    says: ['cannot contain /'],
  },
  'a checksum name with a slash': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'checksum-name': 'sums/{name}.txt' },
    input: 'checksum-name',
    says: ['"sums/{name}.txt"', 'cannot contain /'],
  },
  'a checksum name with an artifact-name placeholder': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'checksum-name': '{name}_{goos}.txt' },
    input: 'checksum-name',
    says: ['unknown placeholder {goos}', '{name} {version} {tag} {commit}'],
  },
  'a zero parallel': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', parallel: '0' },
    input: 'parallel',
    says: ['"0"', 'not a whole number from 1 to 256'],
  },
  'an unknown archive': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', archive: 'rar' },
    input: 'archive',
    says: ['"rar"', 'auto (zip for windows', 'none'],
  },
  'an unknown sbom format': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', sbom: 'syft-json' },
    input: 'sbom',
    says: ['"syft-json"', 'unknown SBOM format', 'none, spdx (SPDX 2.3 JSON) or cyclonedx (CycloneDX 1.6 JSON)'],
  },
  'an allow-dirty that is neither auto nor a boolean': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'allow-dirty': 'sometimes' },
    input: 'allow-dirty',
    says: ['"sometimes"', 'not auto or a boolean', 'auto, true or false'],
  },
  'a package that is a flag': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', package: '-toolexec=x' },
    input: 'package',
    says: ['"-toolexec=x" is not a package path'],
  },
  'a sign command with an unknown placeholder': {
    inputs: { 'go-version': '1.24.4', targets: 'windows/amd64', sign: 'osslsigncode\nsign\n-in\n{binary}\n-out\n{signed}' },
    input: 'sign',
    says: ['"osslsigncode\\nsign\\n-in\\n{binary}', 'unknown placeholder {binary}', '{path}', '{signed}', 'one argument per line'],
  },
  'a sign command whose program is a placeholder': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', sign: '{path}\n--sign' },
    input: 'sign',
    says: ['the first line, {path}, is the program and cannot hold a placeholder'],
  },
  'a sign-checksums command with an unknown placeholder in merge mode': {
    inputs: { mode: 'merge', 'sign-checksums': 'minisign\n-Sm\n{checksums}' },
    input: 'sign-checksums',
    says: ['unknown placeholder {checksums}', '{path}, {signature}'],
  },
  // Looked up on the job's PATH by the mode, before Go is pinned or anything is downloaded.
  'a sign program that is not on PATH': {
    e2e: true,
    late: true,
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', sign: 'go-crossbuild-no-such-signer\n{path}' },
    input: 'sign',
    says: ['"go-crossbuild-no-such-signer\\n{path}"', 'go-crossbuild-no-such-signer was not found on PATH', "a program on the job's PATH"],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() {}\n' },
  },
  'a sign-checksums program path that does not exist, in merge mode': {
    late: true,
    inputs: { mode: 'merge', 'sign-checksums': './scripts/sign.sh\n{path}' },
    input: 'sign-checksums',
    says: ['no executable file', 'scripts/sign.sh, so the command could not run'],
  },
  // These failed only after the toolchain download, as a failed build.
  'a package outside the module (checked before any download)': {
    e2e: true,
    late: true,
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', package: '., ../other/cmd/tool' },
    input: 'package',
    says: ['"., ../other/cmd/tool"', '"../other/cmd/tool":', 'is outside the module at', 'a directory must be inside the module'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() {}\n' },
  },
  'a package in a nested module': {
    late: true,
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', package: './tools/gen' },
    input: 'package',
    says: ['"./tools/gen"', 'tools/gen is in the nested module of', 'tools/go.mod'],
    files: {
      'go.mod': 'module example.com/hello\n\ngo 1.22\n',
      'tools/go.mod': 'module example.com/hello/tools\n\ngo 1.22\n',
      'tools/gen/main.go': 'package main\n\nfunc main() {}\n',
    },
  },
  'a package directory that does not exist': {
    late: true,
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', package: './cmd/tol' },
    input: 'package',
    says: ['"./cmd/tol"', 'no such directory (looked at', 'cmd/tol)'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n', 'cmd/tool/main.go': 'package main\n\nfunc main() {}\n' },
  },
  'one binary name for two packages': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', package: './a, ./b', 'binary-name': 'tool' },
    input: 'binary-name',
    says: ['one name cannot serve 2 packages'],
  },
  // Their binaries would overwrite each other in the target's archive (and as bare binaries).
  'two packages whose binaries take one name': {
    e2e: true,
    late: true,
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', package: './cmd/tool, ./tools/tool' },
    input: 'package',
    says: ['"./cmd/tool, ./tools/tool"', 'two packages build a binary of one name: tool (./cmd/tool, ./tools/tool)'],
    files: {
      'go.mod': 'module example.com/hello\n\ngo 1.22\n',
      'cmd/tool/main.go': 'package main\n\nfunc main() {}\n',
      'tools/tool/main.go': 'package main\n\nfunc main() {}\n',
    },
  },
  'two packages whose binaries take one name, in a plan': {
    late: true,
    inputs: { 'go-version': '1.24.4', mode: 'plan', targets: 'linux/amd64', package: './cmd/tool, ./tools/tool' },
    input: 'package',
    says: ['two packages build a binary of one name: tool (./cmd/tool, ./tools/tool)'],
    files: {
      'go.mod': 'module example.com/hello\n\ngo 1.22\n',
      'cmd/tool/main.go': 'package main\n\nfunc main() {}\n',
      'tools/tool/main.go': 'package main\n\nfunc main() {}\n',
    },
  },
  'an archive-files entry named like a binary': {
    late: true,
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', package: './cmd/server, ./cmd/client', 'archive-files': 'client' },
    input: 'archive-files',
    says: ['"client"', 'two entries of an archive take one name: client (the binary, client)'],
    files: {
      'go.mod': 'module example.com/relay\n\ngo 1.22\n',
      'cmd/server/main.go': 'package main\n\nfunc main() {}\n',
      'cmd/client/main.go': 'package main\n\nfunc main() {}\n',
      client: 'a file, not the binary\n',
    },
  },
  'a project-name that is a path': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'project-name': '../relay' },
    input: 'project-name',
    says: ['"../relay"', 'not a plain file name'],
  },

  'a C compiler that is neither zig nor system': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', cgo: 'true', 'c-compiler': 'gcc' },
    input: 'c-compiler',
    says: ['"gcc"', 'unknown C compiler', 'Allowed: zig'],
  },
  'a CC line with the managed compiler': {
    e2e: true,
    inputs: { 'go-version': '1.24.4', targets: 'linux/arm64', cgo: 'true', env: 'linux/arm64: CC=aarch64-linux-gnu-gcc' },
    input: 'env',
    says: ['linux/arm64: CC=aarch64-linux-gnu-gcc', 'set by the managed C compiler', 'c-compiler: system'],
  },
  'a CXX line with the managed compiler': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/arm64', cgo: 'true', env: 'CXX=clang++' },
    input: 'env',
    says: ['CXX=clang++', 'set by the managed C compiler'],
  },
  'a glibc that is no version': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', cgo: 'true', glibc: '2.17.1' },
    input: 'glibc',
    says: ['"2.17.1"', 'not a glibc version'],
  },
  'a zig version that is a range': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', cgo: 'true', 'zig-version': '0.15' },
    input: 'zig-version',
    says: ['"0.15"', 'not an exact zig version', '0.15.2'],
  },
  'a zig-sha256 that is no hash': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', cgo: 'true', 'zig-sha256': 'abc' },
    input: 'zig-sha256',
    says: ['"abc"', 'not a SHA-256'],
  },
  'a zig mirror with credentials': {
    inputs: {
      'go-version': '1.24.4',
      targets: 'linux/amd64',
      cgo: 'true',
      'zig-download-base-url': 'https://u:secretpw@zig.example/mirror',
    },
    input: 'zig-download-base-url',
    says: ['***@zig.example', 'credentials in the URL'],
    never: ['secretpw'],
  },
  'a zig public key that is none': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', cgo: 'true', 'zig-public-key': 'RWnotakey' },
    input: 'zig-public-key',
    says: ['"RWnotakey"', 'not a minisign public key'],
  },
  'musl without cgo': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64/musl' },
    input: 'targets',
    late: true,
    says: ['linux/amd64/musl', 'musl is a C library', 'set cgo: true'],
  },
  'musl for windows': {
    e2e: true,
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'windows/amd64/musl', cgo: 'true' },
    input: 'targets',
    says: ['windows/amd64/musl', 'musl is a C library', 'windows has no musl'],
  },
  'darwin with cgo on a linux runner (checked before any download)': {
    e2e: true,
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'linux/amd64, darwin/arm64', cgo: 'true' },
    input: 'targets',
    says: ['"darwin/arm64"', "Apple's SDK", 'CoreFoundation', 'runs-on: "darwin/*: macos-latest"', 'exclude-targets: darwin/*'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a cgo plan that sends darwin to a linux shard': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, mode: 'plan', targets: 'linux/amd64, darwin/arm64', cgo: 'true' },
    input: 'targets',
    says: ['"darwin/arm64"', "Apple's SDK", 'macos-latest'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a BSD with cgo on a linux runner': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'freebsd/amd64', cgo: 'true' },
    input: 'targets',
    says: ['"freebsd/amd64"', 'zig has no C library for freebsd'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a glibc below what zig has for the architecture': {
    e2e: true,
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'linux/amd64, linux/riscv64', cgo: 'true', glibc: '2.17' },
    input: 'targets',
    says: ['"linux/riscv64"', 'glibc 2.27 or newer, and glibc is 2.17'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a zig version the action knows no hash of': {
    e2e: true,
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'linux/amd64', cgo: 'true', 'zig-version': '0.99.0' },
    input: 'zig-version',
    says: ['"0.99.0"', 'no SHA-256 is known for zig 0.99.0', '0.15.2', 'zig-sha256'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a zig-sha256 line for another archive': {
    late: true,
    inputs: {
      'go-version': '1.24.4',
      'go-sha256': H,
      targets: 'linux/amd64',
      cgo: 'true',
      'zig-sha256': `${H}  zig-aarch64-linux-0.15.2.tar.xz`,
    },
    input: 'zig-sha256',
    says: ['no line pins zig-x86_64-linux-0.15.2.tar.xz'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a cgo that is no boolean': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', cgo: 'yes' },
    input: 'cgo',
    says: ['"yes"', 'true or false'],
  },
  'an output-dir that is the module': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'output-dir': '.' },
    input: 'output-dir',
    says: ['the module directory itself'],
  },
  'a generate package that is a flag': {
    inputs: { 'go-version': '1.24.4', generate: 'once', 'generate-packages': '-run=x ./...' },
    input: 'generate-packages',
    says: ['"-run=x" is not a package pattern'],
  },
  'a cache that is no boolean': {
    inputs: { 'go-version': '1.24.4', cache: 'sometimes' },
    input: 'cache',
    says: ['"sometimes"', 'true or false'],
  },
  'a cache-read-only that is neither auto nor a boolean': {
    inputs: { 'go-version': '1.24.4', 'cache-read-only': 'pr' },
    input: 'cache-read-only',
    says: ['"pr"', 'auto, true or false'],
  },
  'a cache-key with a comma, which the Actions cache refuses': {
    inputs: { 'go-version': '1.24.4', 'cache-key': 'ubuntu,race' },
    input: 'cache-key',
    says: ['"ubuntu,race"', 'refuses a key with a comma', 'without commas'],
  },
  'a cache-key too long for a cache key': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'cache-key': 'k'.repeat(200) },
    input: 'cache-key',
    says: ['it is 200 characters long', 'up to 128 characters'],
  },
  'archive-files without an archive': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', archive: 'none', 'archive-files': 'LICENSE' },
    input: 'archive-files',
    says: ['"LICENSE"', 'archive is none', 'archive: auto, tar.gz or zip'],
  },
  'an unknown mode': {
    inputs: { 'go-version': '1.24.4', mode: 'release' },
    input: 'mode',
    says: ['"release"', 'unknown mode', 'auto', 'plan', 'merge'],
  },
  'mode setup with targets': {
    inputs: { 'go-version': '1.24.4', mode: 'setup', targets: 'linux/amd64' },
    input: 'mode',
    says: ['"setup"', 'targets is set'],
  },
  'mode plan without targets': {
    e2e: true,
    inputs: { 'go-version': '1.24.4', mode: 'plan' },
    input: 'targets',
    says: ['mode: plan needs targets'],
  },
  'mode build without targets': {
    inputs: { 'go-version': '1.24.4', mode: 'build' },
    input: 'targets',
    says: ['mode: build needs targets'],
  },
  'zero shards': {
    inputs: { 'go-version': '1.24.4', mode: 'plan', targets: 'linux/amd64', shards: '0' },
    input: 'shards',
    says: ['"0"', 'not a whole number from 1 to 256'],
  },
  'a runs-on label of unknown platform': {
    inputs: { 'go-version': '1.24.4', mode: 'plan', targets: 'linux/amd64', 'runs-on': 'linux/*: my-box' },
    input: 'runs-on',
    says: ['"my-box" is not a GitHub-hosted runner label', 'linux/*: my-box linux/arm64'],
  },
  'a runs-on line without a label': {
    inputs: { 'go-version': '1.24.4', mode: 'plan', targets: 'linux/amd64', 'runs-on': 'darwin/*' },
    input: 'runs-on',
    says: ['"darwin/*" is not "PATTERN: LABEL"'],
  },
  'fewer shards than runners': {
    late: true,
    inputs: {
      'go-version': '1.24.4',
      'go-sha256': H,
      mode: 'plan',
      targets: 'linux/amd64, darwin/arm64',
      shards: '1',
      'runs-on': 'darwin/*: macos-latest',
    },
    input: 'shards',
    says: ['"1"', 'cannot cover 2 runners (the default runner, macos-latest)'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a plan whose names collide': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, mode: 'plan', targets: 'linux/amd64, linux/arm64', 'artifact-name': '{name}-{goos}' },
    input: 'artifact-name',
    says: ['artifact names collide', 'hello-linux.tar.gz (linux/amd64, linux/arm64)'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a plan target that is no port': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, mode: 'plan', targets: 'linux/amd64, linux/arm65' },
    input: 'targets',
    says: ['linux/arm65 is not a port', 'did you mean linux/arm64'],
  },
  'a build target that is no port (checked before the download)': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'linux/amd64, linux/arm65' },
    input: 'targets',
    says: ['linux/arm65 is not a port', 'did you mean linux/arm64'],
  },
  'an exclusion that leaves no target': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'linux/amd64, linux/arm64', 'exclude-targets': 'linux/*' },
    input: 'exclude-targets',
    says: ['"linux/*"', 'it excludes every target'],
  },
  'a build whose names collide (checked before the download)': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'linux/amd64, linux/arm64', 'artifact-name': '{name}-{goos}' },
    input: 'artifact-name',
    says: ['artifact names collide', 'hello-linux.tar.gz (linux/amd64, linux/arm64)'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'goreleaser-init names that collide (amd64 and amd64/v3 are both x86_64)': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'linux/amd64, linux/amd64/v3', 'artifact-name': 'goreleaser-init' },
    input: 'artifact-name',
    says: ['"{name}_{Os}_{uname-arch}{ext}"', 'artifact names collide', 'hello_Linux_x86_64.tar.gz (linux/amd64, linux/amd64/v3)'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a checksum name that is an artifact name': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, targets: 'linux/amd64', 'artifact-name': '{name}', 'checksum-name': '{name}.tar.gz' },
    input: 'checksum-name',
    says: ['"{name}.tar.gz"', 'it renders "hello.tar.gz": the name of the artifact of linux/amd64'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a cache-dependency-path that matches no file': {
    late: true,
    inputs: { 'go-version': '1.24.4', 'go-sha256': H, 'cache-dependency-path': 'nope/go.sum\n**/gopkg.lock' },
    input: 'cache-dependency-path',
    says: ['"nope/go.sum, **/gopkg.lock"', 'it matches no file in the workspace', 'or cache: false'],
  },
  'a binary-name of ..': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'binary-name': '..' },
    input: 'binary-name',
    says: ['".."', 'not a plain file name'],
  },
  'an output-dir outside the workspace': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'output-dir': '../elsewhere' },
    input: 'output-dir',
    says: ['"../elsewhere"', 'is outside the workspace and RUNNER_TEMP'],
  },
  // Its output-dir (dist below it) was refused in its place.
  'a working-directory outside the workspace': {
    e2e: true,
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'working-directory': '../elsewhere' },
    input: 'working-directory',
    says: ['"../elsewhere"', 'is outside the workspace and RUNNER_TEMP', 'a directory of the checkout'],
  },
  'an output-dir that holds the module': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'working-directory': 'mod', 'output-dir': '..' },
    files: { 'mod/go.mod': 'module example.com/hello\n\ngo 1.22\n' },
    input: 'output-dir',
    says: ['".."', 'contains the module directory'],
  },
  'a version file outside the workspace': {
    e2e: true,
    inputs: { 'go-version-file': '../../../../../../etc/passwd' },
    input: 'go-version-file',
    says: ['outside the workspace'],
    never: ['root:'],
  },
  'a bad env line beside a token': {
    e2e: true,
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', env: 'GOPROXY=https://ci:s3cr3tTOKEN@proxy.example.com\nFOO' },
    input: 'env',
    says: ['"FOO"', 'not KEY=VALUE'],
    never: ['s3cr3tTOKEN', 'proxy.example.com'],
  },
  'a mirror URL with a token in its query': {
    e2e: true,
    inputs: { 'go-version': 'stable', 'go-download-base-url': 'https://mirror.example.com/dl?token=s3cr3tQUERY' },
    input: 'go-download-base-url',
    says: ['https://mirror.example.com/dl?…', 'takes no query'],
    never: ['s3cr3tQUERY'],
  },
  'a private-module credential without patterns': {
    inputs: { 'go-version': '1.24.4', targets: 'linux/amd64', 'private-modules-token': 'ghp_s3cr3tPRIV' },
    input: 'private-modules',
    says: ['""', 'private-modules-token is set, but no pattern names the host'],
    never: ['ghp_s3cr3tPRIV'],
  },
  'a private-module credential for a wildcard host': {
    inputs: { 'go-version': '1.24.4', 'private-modules': '*.corp.example.com', 'private-modules-token': 'ghp_s3cr3tPRIV' },
    input: 'private-modules',
    says: ['"*.corp.example.com"', 'is a wildcard'],
    never: ['ghp_s3cr3tPRIV'],
  },
  'a private-module credential with white space': {
    inputs: { 'go-version': '1.24.4', 'private-modules': 'github.com/org', 'private-modules-token': 'Bearer ghp_s3cr3tPRIV' },
    input: 'private-modules-token',
    says: ['"***"', 'white space'],
    never: ['ghp_s3cr3tPRIV'],
  },
  'a URL as a private module pattern': {
    inputs: { 'go-version': '1.24.4', 'private-modules': 'https://github.com/org' },
    input: 'private-modules',
    says: ['"https://github.com/org"', 'it is a URL'],
  },
  'a plan artifact-name that renders ..': {
    late: true,
    // A bare binary's name: archive's default extension would make it "...tar.gz", a plain name.
    inputs: {
      'go-version': '1.24.4',
      'go-sha256': H,
      mode: 'plan',
      targets: 'linux/amd64',
      'artifact-name': '{variant}..',
      archive: 'none',
    },
    input: 'artifact-name',
    says: ['renders names that are not a plain file name', '".." (linux/amd64)'],
    files: { 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
  },
  'a preset in merge targets': {
    e2e: true,
    inputs: { mode: 'merge', targets: 'first-class' },
    input: 'targets',
    says: ['"first-class"', 'merge mode has no toolchain to expand first-class', "the plan's targets output"],
  },
};
