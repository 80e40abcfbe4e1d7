// go generate overhead (issue 4), on the generate fixture over 4 targets with warm build caches:
// none vs once vs per-target, interleaved over rounds; and the exec wrapper's host rebuild of a
// generator the first time vs cached.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileProxy } from '../scripts/lib/goproxy.mjs';
import { newRunner, runAction } from '../scripts/lib/runner.mjs';
import { mirroredToolchain } from './setup.mjs';
import { median, table, timeCommand } from './stats.mjs';

const FIXTURES = fileURLToPath(new URL('../__tests__/fixtures', import.meta.url));
const TARGETS = 'linux/amd64, linux/arm64, linux/riscv64, windows/amd64';

export async function benchGenerate({ rounds = 3 } = {}) {
  const { tc, mirror, inputs: setup } = await mirroredToolchain();
  const runner = newRunner();
  try {
    cpSync(join(FIXTURES, 'gen'), runner.workspace, { recursive: true });
    const env = {
      GOPROXY: await fileProxy(join(runner.dir, 'proxy'), 'example.com/remotegen', 'v1.0.0', join(FIXTURES, 'remotegen')),
      GOSUMDB: 'off',
    };
    const inputs = { ...setup, targets: TARGETS };
    const run = async (generate) => {
      rmSync(join(runner.workspace, 'dist'), { recursive: true, force: true });
      const res = await runAction(runner, { inputs: { ...inputs, generate }, env });
      if (res.code !== 0) throw new Error(`generate: ${generate} failed:\n${res.stdout.slice(-3000)}`);
      return res.seconds;
    };
    // Warm-up: target and host caches, host tools, generated files in the tree.
    await run('per-target');
    await run('once');
    const times = { none: [], once: [], 'per-target': [] };
    for (let i = 0; i < rounds; i++) for (const mode of Object.keys(times)) times[mode].push(await run(mode));
    const [none, once, per] = [median(times.none), median(times.once), median(times['per-target'])];

    // The wrapper alone: host builds of the three cross-compiled generators, first vs kept.
    const goroot = join(runner.toolCache, 'go', tc.version, 'x64');
    const wrapperEnv = (tools) => ({
      ...process.env,
      ...env,
      GOROOT: goroot,
      GOTOOLCHAIN: 'local',
      GOFLAGS: '',
      GOARCH: 'arm64',
      GOCACHE: join(runner.temp, 'go-crossbuild', 'gocache', 'linux-arm64'),
      PATH: `${join(runner.temp, 'go-crossbuild', 'exec')}:${join(goroot, 'bin')}:${process.env.PATH}`,
      GO_CROSSBUILD_HOST_TOOLS: tools,
      GO_CROSSBUILD_HOST_GOCACHE: join(runner.temp, 'go-crossbuild', 'gocache', 'host'),
    });
    const first = [];
    const cached = [];
    for (let i = 0; i < rounds; i++) {
      const tools = mkdtempSync(join(runner.temp, 'tools-'));
      first.push(await timeCommand(join(goroot, 'bin', 'go'), ['generate', './...'], { cwd: runner.workspace, env: wrapperEnv(tools) }));
      cached.push(await timeCommand(join(goroot, 'bin', 'go'), ['generate', './...'], { cwd: runner.workspace, env: wrapperEnv(tools) }));
    }
    const [f, c] = [median(first), median(cached)];

    console.log(
      `\n## go generate (generate fixture: 3 generators, ${TARGETS.split(',').length} targets, warm build caches, median of ${rounds})`,
    );
    table([
      ['mode', 'wall s', 'generate overhead s', 'ratio'],
      ['none (builds only)', none.toFixed(2), '', ''],
      ['once', once.toFixed(2), (once - none).toFixed(2), '1.00'],
      ['per-target', per.toFixed(2), (per - none).toFixed(2), `${(per / once).toFixed(2)} x once (total)`],
    ]);
    table([
      ['arm64 go generate through the exec wrapper', 'wall s'],
      ['host rebuilds of 3 generators, first time', f.toFixed(2)],
      ['same, host builds kept', c.toFixed(2)],
      ['first / kept', (f / c).toFixed(2)],
    ]);
    return { none, once, per, first: f, cached: c };
  } finally {
    await mirror.close();
    rmSync(runner.dir, { recursive: true, force: true });
  }
}
