// Cold fan-out over 8 targets, three ways in one run: the action; a sequential `go build` loop with
// the same flags (what setup-go users write); `xargs -P <cores>` with one shared GOCACHE (what
// goreleaser and gox do). Then a warm rebuild with the action's per-target caches kept.
// Every build starts from an empty GOCACHE; the toolchain is installed beforehand and not timed.
// Goals (issue 3): action <= 0.75 x the loop and <= 1.0 x xargs. FACTS.md: on 2 cores one
// `go build` already keeps both busy, so the physical limit of a cold fan-out is about 0.87 x the
// loop; hence also "efficiency" = wall / (CPU / cores), 1.00 being perfect use of the cores.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { newRunner, runAction } from '../__tests__/support/index.ts';
import { mirroredToolchain, SERVER_FIXTURE, TARGETS } from './setup.ts';
import { CPU_LAUNCHER, cpuSeconds, type Measured, measure, table, timeCommand } from './stats.ts';

const FLAGS = ['-trimpath', '-ldflags=-s -w -X main.version=bench'];

export async function benchCrossbuild() {
  const cores = availableParallelism();
  const { mirror, inputs } = await mirroredToolchain();
  const runner = newRunner();
  try {
    cpSync(SERVER_FIXTURE, runner.workspace, { recursive: true });
    const setup = await runAction(runner, { inputs });
    if (setup.code !== 0) throw new Error(setup.stdout);
    const goroot = setup.outputs['go-root'];
    const go = join(goroot, 'bin', 'go');
    const env = (gocache: string) => ({
      ...process.env,
      GOROOT: goroot,
      GOTOOLCHAIN: 'local',
      GOCACHE: gocache,
      GOFLAGS: '',
      CGO_ENABLED: '0',
    });
    const envArgs = (t: string) => {
      const [goos, goarch, v] = t.split('/');
      return [`GOOS=${goos}`, `GOARCH=${goarch}`, ...(v ? [`GOARM=${v}`] : [])];
    };
    const fresh = (name: string) => {
      const d = join(runner.temp, name);
      rmSync(d, { recursive: true, force: true });
      mkdirSync(d, { recursive: true });
      return d;
    };

    // 1. Sequential loop, one GOCACHE.
    await timeCommand('sync', []);
    const loopCache = fresh('loop-cache');
    const loopScript = TARGETS.map(
      (t) =>
        `env ${envArgs(t).join(' ')} "$0" build ${FLAGS.map((f) => `'${f}'`).join(' ')} -o out-loop/${t.replace(/\//g, '-')} . || exit 1`,
    ).join('\n');
    const loop = await measure('bash', ['-c', loopScript, go], { cwd: runner.workspace, env: env(loopCache) });

    // 2. xargs -P <cores>, one shared GOCACHE.
    await timeCommand('sync', []);
    const xargsCache = fresh('xargs-cache');
    const one = `t=$1; os=\${t%%/*}; rest=\${t#*/}; arch=\${rest%%/*}; v=; [ "$rest" != "$arch" ] && v=\${rest#*/}; env GOOS=$os GOARCH=$arch GOARM=$v "$GO" build ${FLAGS.map((f) => `'${f}'`).join(' ')} -o "out-xargs/$os-$arch$v" .`;
    const xargs = await measure(
      'bash',
      ['-c', `printf '%s\\n' ${TARGETS.join(' ')} | xargs -P ${cores} -n 1 bash -c '${one.replace(/'/g, `'\\''`)}' _`],
      {
        cwd: runner.workspace,
        env: { ...env(xargsCache), GO: go },
      },
    );

    // 3. The action, cold per-target caches.
    await timeCommand('sync', []);
    rmSync(join(runner.temp, 'go-crossbuild'), { recursive: true, force: true });
    const buildInputs = { ...inputs, targets: TARGETS.join(','), ldflags: '-s -w -X main.version=bench' };
    const cold = await runAction(runner, { inputs: buildInputs, launcher: CPU_LAUNCHER });
    if (cold.code !== 0) throw new Error(cold.stdout.slice(-3000));
    const action = { wall: cold.seconds, cpu: cpuSeconds(cold.stderr) };

    // 4. Warm: the same build again, per-target caches kept.
    rmSync(join(runner.workspace, 'dist'), { recursive: true, force: true });
    const again = await runAction(runner, { inputs: buildInputs, launcher: CPU_LAUNCHER });
    if (again.code !== 0) throw new Error(again.stdout.slice(-3000));
    const warm = { wall: again.seconds, cpu: cpuSeconds(again.stderr) };

    const eff = (m: Measured) => (m.wall / (m.cpu / cores)).toFixed(2);
    console.log(`\n## Cross-build fan-out (${TARGETS.length} targets, net/http fixture, ${cores} cores, cold caches)`);
    table([
      ['method', 'wall s', 'CPU s', 'efficiency', 'vs loop', 'vs xargs', 'goal'],
      ['sequential go build loop', loop.wall.toFixed(1), loop.cpu.toFixed(1), eff(loop), '1.00', (loop.wall / xargs.wall).toFixed(2), ''],
      [
        `xargs -P ${cores}, shared GOCACHE`,
        xargs.wall.toFixed(1),
        xargs.cpu.toFixed(1),
        eff(xargs),
        (xargs.wall / loop.wall).toFixed(2),
        '1.00',
        '',
      ],
      [
        'action (per-target GOCACHE)',
        action.wall.toFixed(1),
        action.cpu.toFixed(1),
        eff(action),
        (action.wall / loop.wall).toFixed(2),
        (action.wall / xargs.wall).toFixed(2),
        '<= 0.75 loop, <= 1.0 xargs',
      ],
      [
        'action, warm (caches kept)',
        warm.wall.toFixed(1),
        warm.cpu.toFixed(1),
        '',
        (warm.wall / loop.wall).toFixed(3),
        '',
        `${(warm.wall / action.wall).toFixed(3)} x cold`,
      ],
    ]);
    return { loop, xargs, action, warm };
  } finally {
    await mirror.close();
    rmSync(runner.dir, { recursive: true, force: true });
  }
}
