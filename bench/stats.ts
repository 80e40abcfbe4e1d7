// Small helpers shared by the benchmarks: timing, medians and a printed table.
import { type SpawnOptions, spawn } from 'node:child_process';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs a command (argument array, no shell) and resolves to its wall time in seconds. */
export async function timeCommand(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: 'ignore', ...options });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function table(rows: (string | number)[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
}

/**
 * A launcher that runs its arguments and then prints, on stderr, the CPU seconds of every process
 * it waited for (utime+stime of the waited-for tree, from /proc: Linux only).
 */
export const CPU_LAUNCHER = [
  'bash',
  '-c',
  '"$@"; rc=$?; read -r -a s < /proc/$$/stat; echo "CPU_TICKS $(( s[15] + s[16] )) $(getconf CLK_TCK)" >&2; exit $rc',
  'bash',
];

/** CPU seconds reported by CPU_LAUNCHER in a process's stderr. */
export function cpuSeconds(stderr: string): number {
  const m = /CPU_TICKS (\d+) (\d+)/.exec(stderr);
  if (!m) throw new Error('no CPU_TICKS line: run through CPU_LAUNCHER');
  return Number(m[1]) / Number(m[2]);
}

/** Wall and CPU seconds of one measured command. */
export interface Measured {
  wall: number;
  cpu: number;
}

/** Runs a command through CPU_LAUNCHER: wall and CPU seconds. Its stderr is read for them, so stdio is not an option. */
export async function measure(command: string, args: string[], options: Omit<SpawnOptions, 'stdio'> = {}): Promise<Measured> {
  const started = process.hrtime.bigint();
  const child = spawn(CPU_LAUNCHER[0], [...CPU_LAUNCHER.slice(1), command, ...args], { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`);
  return { wall: Number(process.hrtime.bigint() - started) / 1e9, cpu: cpuSeconds(stderr) };
}
