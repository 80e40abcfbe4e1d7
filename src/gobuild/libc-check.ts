// The C-library check of a binary linked by the managed compiler: a linux gnu binary needs no glibc
// symbol version above its floor, a musl binary is static (no interpreter, no shared library), and
// a windows binary imports only DLLs every Windows has. Pure over the file's bytes.
import type { ZigTarget } from '../cc/compilers.js';
import { compareVersions, newestGlibc, readElfDynamic } from '../binaries/elf-dynamic.js';
import { readPeImports } from '../binaries/pe-imports.js';

// DLLs of Windows itself (and its API sets): a MinGW runtime DLL (libwinpthread-1.dll,
// libgcc_s_seh-1.dll, libstdc++-6.dll) or a library of the program's own is not among them.
const SYSTEM_DLLS = new Set(
  [
    'advapi32',
    'bcrypt',
    'bcryptprimitives',
    'cfgmgr32',
    'comctl32',
    'comdlg32',
    'crypt32',
    'd3d11',
    'd3d12',
    'd3d9',
    'dbghelp',
    'dnsapi',
    'dwmapi',
    'dxgi',
    'gdi32',
    'gdiplus',
    'hid',
    'imm32',
    'iphlpapi',
    'kernel32',
    'mpr',
    'msvcrt',
    'mswsock',
    'ncrypt',
    'netapi32',
    'ntdll',
    'ole32',
    'oleaut32',
    'opengl32',
    'powrprof',
    'psapi',
    'rpcrt4',
    'secur32',
    'setupapi',
    'shell32',
    'shlwapi',
    'ucrtbase',
    'user32',
    'userenv',
    'uxtheme',
    'version',
    'winhttp',
    'wininet',
    'winmm',
    'winspool',
    'ws2_32',
    'wsock32',
    'wtsapi32',
  ].map((n) => `${n}.dll`),
);

export function isSystemDll(name: string): boolean {
  const n = name.toLowerCase();
  return SYSTEM_DLLS.has(n) || /^(api|ext)-ms-win-[\w.-]+\.dll$/.test(n);
}

/** Why the binary breaks the promise of its target's C library, or undefined when it keeps it; `checked` says what was read. */
export function libcProblem(binary: Buffer, t: ZigTarget): { problem?: string; checked: string } {
  if (t.triple.includes('-windows-')) {
    const dlls = readPeImports(binary);
    if (!dlls) return { problem: 'not a PE file whose imports can be read', checked: 'DLL imports' };
    const foreign = dlls.filter((d) => !isSystemDll(d));
    return {
      checked: `imports ${dlls.length} system DLLs`,
      problem: foreign.length
        ? `it imports ${foreign.join(', ')}, which ${foreign.length > 1 ? 'are' : 'is'} not part of Windows: it would not start where ${foreign.length > 1 ? 'they are' : 'it is'} missing`
        : undefined,
    };
  }
  const d = readElfDynamic(binary);
  if (!d) return { problem: 'not an ELF file whose dynamic section can be read', checked: 'C library' };
  if (t.libc === 'musl') {
    const dynamic = [d.interpreter && `interpreter ${d.interpreter}`, ...d.needed.map((n) => `needs ${n}`)].filter(Boolean);
    return { checked: 'static (musl)', problem: dynamic.length ? `it is not static: ${dynamic.join(', ')}` : undefined };
  }
  const newest = newestGlibc(d);
  const floor = t.glibc ?? '0';
  return {
    checked: `needs glibc ${newest ?? 'none'} (floor ${floor})`,
    problem:
      newest && compareVersions(newest, floor) > 0
        ? `it needs GLIBC_${newest}, newer than the glibc floor ${floor}: it would not start on the older systems the floor promises`
        : undefined,
  };
}
