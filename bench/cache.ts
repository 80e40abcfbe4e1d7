// Caching (issue 5): the same 8-target fan-out cold, then in a fresh runner (same paths, as a hosted
// runner) with the caches restored from a local Actions cache service; and the bytes a one-target
// matrix job restores vs an all-targets job. Goals: warm <= 0.2 x cold wall time; a one-target job
// restores <= 1/N of the all-targets bytes plus the module cache.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newRunner, runJob, startCacheService } from '../__tests__/support/index.ts';
import { mirroredToolchain, SERVER_FIXTURE, TARGETS } from './setup.ts';
import { table, timeCommand } from './stats.ts';

export async function benchCache() {
  const { mirror, inputs: setup } = await mirroredToolchain();
  const service = await startCacheService();
  const base = newRunner();
  const at = join(base.dir, 'runner');
  const inputs = { ...setup, ldflags: '-s -w -X main.version=bench' };
  const job = async (targets: string[]) => {
    await timeCommand('sync', []);
    const runner = newRunner(undefined, at);
    cpSync(SERVER_FIXTURE, runner.workspace, { recursive: true });
    const before = service.downloads.length;
    const { main, post } = await runJob(runner, { inputs: { ...inputs, targets: targets.join(',') }, env: service.env() });
    if (main.code !== 0 || post?.code !== 0) throw new Error(main.stdout.slice(-3000));
    const bytes = service.downloads.slice(before).reduce((n, d) => n + d.bytes, 0);
    return { seconds: main.seconds, hit: main.outputs['cache-hit'], bytes };
  };
  try {
    const cold = await job(TARGETS);
    const warm = await job(TARGETS);
    const one = await job(['linux/arm64']);
    const mib = (n: number) => (n / 1048576).toFixed(1);
    console.log(`\n## Caching (${TARGETS.length} targets, net/http fixture, local cache service)`);
    table([
      ['job', 'wall s', 'cache-hit', 'restored MiB', 'ratio', 'goal'],
      ['cold (nothing cached)', cold.seconds.toFixed(1), cold.hit, mib(cold.bytes), '1.00', ''],
      [
        'warm, fresh runner, 8 targets',
        warm.seconds.toFixed(1),
        warm.hit,
        mib(warm.bytes),
        (warm.seconds / cold.seconds).toFixed(3),
        '<= 0.2 x cold',
      ],
      [
        'one-target matrix job',
        one.seconds.toFixed(1),
        one.hit,
        mib(one.bytes),
        `${(one.bytes / warm.bytes).toFixed(3)} of the bytes`,
        `<= ${(1 / TARGETS.length).toFixed(3)} (+ modules)`,
      ],
    ]);
    return { cold, warm, one };
  } finally {
    await service.close();
    await mirror.close();
    rmSync(base.dir, { recursive: true, force: true });
  }
}
