// Small helpers shared by the benchmarks: timing, medians and a printed table.
import { spawn } from 'node:child_process';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs a command (argument array, no shell) and resolves to its wall time in seconds. */
export async function timeCommand(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: 'ignore', ...options });
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function table(rows) {
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
export function cpuSeconds(stderr) {
  const m = /CPU_TICKS (\d+) (\d+)/.exec(stderr);
  if (!m) throw new Error('no CPU_TICKS line: run through CPU_LAUNCHER');
  return Number(m[1]) / Number(m[2]);
}

/** Runs a command through CPU_LAUNCHER: wall and CPU seconds. */
export async function measure(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(CPU_LAUNCHER[0], [...CPU_LAUNCHER.slice(1), command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`);
  return { wall: Number(process.hrtime.bigint() - started) / 1e9, cpu: cpuSeconds(stderr) };
}
