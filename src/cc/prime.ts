// Before a cgo target's build: zig builds the C library, start files and compiler runtime that
// target links (its libc stubs or static libc, crt files, compiler_rt), once, into the target's own
// cache, from the cache directory itself. Two reasons:
// - zig records the directory it compiled them from in their debug info, and Go runs its link from
//   a random temporary directory: built there, two clean builds would differ. Built from the
//   target's fixed cache directory, they are byte-identical.
// - Go then runs its C compiles in parallel over a cache that already holds what they all need,
//   instead of racing to build it (zig#18989).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../lib/process.js';
import type { ZigTarget } from './compilers.js';

export interface Primed {
  ok: boolean;
  log: string;
  seconds: number;
}

/** The links a target's Go builds make: Go's default executable and a PIE, with the libraries Go's packages ask for. */
export function primeLinks(t: ZigTarget): string[][] {
  const libs = t.triple.includes('-windows-')
    ? ['-lkernel32', '-ladvapi32', '-lws2_32', '-lwinmm', '-lntdll', '-luserenv', '-lbcrypt']
    : t.libc === 'musl'
      ? []
      : ['-lpthread', '-ldl', '-lm', '-lrt', '-lresolv', '-lutil'];
  const cc = ['cc', '-target', t.triple, ...(t.cpu ? [`-mcpu=${t.cpu}`] : []), ...(t.flags ?? [])];
  return [
    [...cc, '-o', 'prime-exe', 'prime.c', ...libs],
    [...cc, '-fPIE', '-pie', '-o', 'prime-pie', 'prime.c', ...libs],
  ];
}

export async function primeZig(zig: string, t: ZigTarget, env: Record<string, string>, cacheDir: string): Promise<Primed> {
  const started = Date.now();
  await mkdir(cacheDir, { recursive: true });
  await writeFile(join(cacheDir, 'prime.c'), 'int main(void) { return 0; }\n');
  let log = `zig: building ${t.libc} and the runtime for ${t.triple} in ${cacheDir}\n`;
  try {
    for (const args of primeLinks(t)) {
      const r = await run(zig, args, { cwd: cacheDir, env });
      log += r.output;
      if (!r.ok) {
        log += `zig ${args.join(' ')} ${r.failure}\n`;
        return { ok: false, log, seconds: (Date.now() - started) / 1000 };
      }
    }
  } finally {
    for (const f of ['prime.c', 'prime-exe', 'prime-pie', 'prime-exe.exe', 'prime-pie.exe', 'prime-exe.pdb', 'prime-pie.pdb'])
      await rm(join(cacheDir, f), { force: true });
  }
  const seconds = (Date.now() - started) / 1000;
  return { ok: true, log: `${quiet(log)}zig: ready in ${seconds.toFixed(1)} s\n`, seconds };
}

/**
 * zig's libc builds pass clang flags that its own driver then calls unused (dozens of
 * `argument unused during compilation` warnings for one glibc): said once, with their count.
 */
export function quiet(log: string): string {
  const noise = /^zig: warning: argument unused during compilation: .*$/;
  const lines = log.split('\n');
  const n = lines.filter((l) => noise.test(l)).length;
  const kept = lines.filter((l) => !noise.test(l)).join('\n');
  return n
    ? `${kept}${kept.endsWith('\n') ? '' : '\n'}zig: ${n} "argument unused during compilation" warnings of its own libc build left out\n`
    : kept;
}
