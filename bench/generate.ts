// Per-target go generate against generate: once, over 6 targets, on a fixture whose generator
// imports a sizeable package tree. Both modes do the same builds; interleaved over rounds. Each
// round runs a cold job (fresh runner, empty caches) and then a warm one (same runner, caches
// kept), and counts the generator's host builds in the per-target job.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newRunner, runAction } from '../__tests__/support/index.ts';
import { mirroredToolchain } from './setup.ts';
import { median, table } from './stats.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/genbench', import.meta.url));
const TARGETS = 'linux/amd64, linux/arm64, linux/riscv64, darwin/arm64, windows/amd64, freebsd/amd64';
const MODES = ['once', 'per-target'];

export async function benchGenerate({ rounds = 3 } = {}) {
  const { mirror, inputs: setup } = await mirroredToolchain();
  const inputs = { ...setup, targets: TARGETS };
  const times: Record<string, number[]> = Object.fromEntries(
    MODES.flatMap((m) => [
      [`${m} cold`, []],
      [`${m} warm`, []],
    ]),
  );
  const hostBuilds: string[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      for (const generate of MODES) {
        const runner = newRunner();
        try {
          cpSync(FIXTURE, runner.workspace, { recursive: true });
          for (const temp of ['cold', 'warm']) {
            rmSync(join(runner.workspace, 'dist'), { recursive: true, force: true });
            const res = await runAction(runner, { inputs: { ...inputs, generate } });
            if (res.code !== 0) throw new Error(`generate: ${generate} (${temp}) failed:\n${res.stdout.slice(-3000)}`);
            times[`${generate} ${temp}`].push(res.seconds);
            const line = res.stdout.split('\n').find((l) => l.startsWith('Generators: '));
            if (line && temp === 'cold') hostBuilds.push(line);
          }
        } finally {
          rmSync(runner.dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await mirror.close();
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  console.log(
    `\n## go generate: per-target vs once (genbench: a generator importing go/types, net/http, text/template…; 6 targets; median of ${rounds})`,
  );
  table([
    ['job', 'once s', 'per-target s', 'per-target / once'],
    ...['cold', 'warm'].map((t) => [
      t,
      m[`once ${t}`].toFixed(1),
      m[`per-target ${t}`].toFixed(1),
      (m[`per-target ${t}`] / m[`once ${t}`]).toFixed(2),
    ]),
  ]);
  console.log(`per-target, cold job: ${[...new Set(hostBuilds)].join(' | ')}`);
  return m;
}
