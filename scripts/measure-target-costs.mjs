#!/usr/bin/env node
// Measures what a cold build costs per port, to weigh targets when plan mode balances shards.
// Builds bench/fixtures/server (net/http + encoding/json: the standard library dominates, as in a
// typical service) for every port a cgo-less build can target, each from an empty GOCACHE, one at
// a time, and records the CPU seconds of each build. Writes src/shards/target-costs.json: costs relative
// to linux/amd64, rounded to 0.05, with the toolchain and machine they were measured with.
// Usage: node scripts/measure-target-costs.mjs [GOROOT] [PORT...]
//   (default: the newest local toolchain, every port; about a minute of CPU each on 2 cores)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from '../bench/stats.ts';
import { SERVER_FIXTURE } from '../bench/setup.ts';
import { findToolchains } from '../__tests__/support/index.ts';

const [rootArg, ...only] = process.argv.slice(2);
const goroot = rootArg || findToolchains()[0]?.goroot;
if (!goroot) throw new Error('no Go toolchain: run scripts/install-test-deps.sh or pass a GOROOT');
const go = join(goroot, 'bin', 'go');
const baseEnv = { ...process.env, GOROOT: goroot, GOTOOLCHAIN: 'local', GOFLAGS: '', CGO_ENABLED: '0' };
const version = execFileSync(go, ['env', 'GOVERSION'], { env: baseEnv }).toString().trim();
const ports = JSON.parse(execFileSync(go, ['tool', 'dist', 'list', '-json'], { env: baseEnv }).toString())
  .filter((p) => !p.Broken && p.GOOS !== 'ios' && !(p.GOOS === 'android' && p.GOARCH !== 'arm64'))
  .map((p) => `${p.GOOS}/${p.GOARCH}`)
  .filter((p) => only.length === 0 || only.includes(p) || p === 'linux/amd64');

const work = mkdtempSync(join(tmpdir(), 'gcb-costs-'));
const cpuSeconds = {};
try {
  for (const port of ports) {
    const [goos, goarch] = port.split('/');
    const gocache = join(work, 'cache');
    rmSync(gocache, { recursive: true, force: true });
    const { cpu } = await measure(go, ['build', '-trimpath', '-o', join(work, 'out'), '.'], {
      cwd: SERVER_FIXTURE,
      env: { ...baseEnv, GOOS: goos, GOARCH: goarch, GOCACHE: gocache },
    });
    cpuSeconds[port] = cpu;
    console.log(`${port.padEnd(18)} ${cpu.toFixed(1)} s CPU`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const base = cpuSeconds['linux/amd64'];
const relative = Object.fromEntries(Object.entries(cpuSeconds).map(([p, s]) => [p, Math.round((s / base) * 20) / 20]));
const out = fileURLToPath(new URL('../src/shards/target-costs.json', import.meta.url));
writeFileSync(
  out,
  JSON.stringify(
    {
      note: 'Cold-build CPU cost of bench/fixtures/server per port, relative to linux/amd64. Regenerate: node scripts/measure-target-costs.mjs',
      measuredWith: { go: version, cpu: cpus()[0]?.model ?? 'unknown', linuxAmd64Seconds: Math.round(base * 10) / 10 },
      costs: relative,
    },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${out}`);
