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
