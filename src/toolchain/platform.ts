// Host platform names: Node's (process.platform/arch, the tool cache's) and Go's (GOOS/GOARCH,
// archive names). Pure.

export interface Platform {
  goos: string;
  goarch: string;
}

const GOOS_BY_NODE: Record<string, string> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  aix: 'aix',
  sunos: 'solaris',
};

// Node arch names (what setup-go's `architecture` takes) and Go names, both accepted.
const GOARCH_BY_NAME: Record<string, string> = {
  x64: 'amd64',
  amd64: 'amd64',
  x86_64: 'amd64',
  ia32: '386',
  x86: '386',
  x32: '386', // as setup-go's own test matrix spells it
  '386': '386',
  arm64: 'arm64',
  aarch64: 'arm64',
  arm: 'arm',
  armv6l: 'arm',
  ppc64: 'ppc64le',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
};

const NODE_ARCH_BY_GOARCH: Record<string, string> = {
  amd64: 'x64',
  '386': 'ia32',
  arm64: 'arm64',
  arm: 'arm',
  ppc64le: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
};

export const ARCHITECTURE_NAMES = Object.keys(GOARCH_BY_NAME);

export function goarchOf(name: string): string | undefined {
  return GOARCH_BY_NAME[name.trim().toLowerCase()];
}

export function hostPlatform(nodePlatform: string, nodeArch: string): Platform {
  const goos = GOOS_BY_NODE[nodePlatform];
  const goarch = GOARCH_BY_NAME[nodeArch];
  if (!goos || !goarch) throw new Error(`unsupported runner platform ${nodePlatform}/${nodeArch}`);
  return { goos, goarch };
}

/** The tool cache's arch directory, named as setup-go names it, so both actions find each other's installs. */
export function toolCacheArch(goarch: string): string {
  return NODE_ARCH_BY_GOARCH[goarch] ?? goarch;
}

/** The official archive name: `go1.24.4.linux-amd64.tar.gz`, `go1.24.4.windows-amd64.zip`. */
export function archiveFileName(goName: string, p: Platform): string {
  const arch = p.goarch === 'arm' ? 'armv6l' : p.goarch;
  return `${goName}.${p.goos}-${arch}.${p.goos === 'windows' ? 'zip' : 'tar.gz'}`;
}

/** The index's `arch` for a GOARCH (32-bit ARM is published as armv6l). */
export function indexArch(goarch: string): string {
  return goarch === 'arm' ? 'armv6l' : goarch;
}
