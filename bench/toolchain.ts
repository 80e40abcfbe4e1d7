// Toolchain install: cold install of the action from a local mirror vs the floor, a bare
// `tar -xzf` of the same archive, measured interleaved in the same run; and the warm (tool-cache
// hit) wall time of the whole action vs a bare `node -e ''`.
// Goals (issue 2): cold <= 1.15 x the tar floor; warm <= 0.5 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionNode, newRunner, runAction } from '../__tests__/support/index.ts';
import { mirroredToolchain } from './setup.ts';
import { median, table, timeCommand } from './stats.ts';

export async function benchToolchain({ rounds = 5 } = {}) {
  const { tc, archive, mirror } = await mirroredToolchain();
  const inputs = { 'go-version': tc.version, 'go-download-base-url': mirror.url, 'go-sha256': `${archive.sha256}  ${archive.fileName}` };
  const cold = [];
  const floor = [];
  const warm = [];
  const node = [];
  try {
    for (let i = 0; i < rounds; i++) {
      // Flush earlier rounds' writes first, so each timing holds only its own work.
      await timeCommand('sync', []);
      const dir = mkdtempSync(join(tmpdir(), 'gcb-bench-tar-'));
      floor.push(await timeCommand('tar', ['-xzf', archive.path, '-C', dir]));
      rmSync(dir, { recursive: true, force: true });

      await timeCommand('sync', []);
      const runner = newRunner();
      const first = await runAction(runner, { inputs });
      if (first.code !== 0) throw new Error(`cold install failed:\n${first.stdout}${first.stderr}`);
      cold.push(first.seconds);
      const again = await runAction(runner, { inputs });
      if (!again.stdout.includes('from the tool cache')) throw new Error('warm run did not hit the tool cache');
      warm.push(again.seconds);
      // The Node the action runs on, whatever Node runs the bench.
      node.push(await timeCommand(actionNode(), ['-e', '']));
      rmSync(runner.dir, { recursive: true, force: true });
    }
  } finally {
    await mirror.close();
  }
  const [c, f, w, n] = [median(cold), median(floor), median(warm), median(node)];
  console.log(`\n## Toolchain install (${archive.fileName}, ${(archive.size / 1048576).toFixed(1)} MiB, median of ${rounds})`);
  table([
    ['measure', 'seconds', 'ratio', 'goal'],
    ['tar -xzf (floor)', f.toFixed(2), '1.00', ''],
    ['action, cold (download+verify+extract+self-check)', c.toFixed(2), (c / f).toFixed(2), '<= 1.15 x floor'],
    ["node -e ''", n.toFixed(2), '', ''],
    ['action, warm (tool-cache hit)', w.toFixed(2), '', '<= 0.5 s'],
  ]);
  return { coldRatio: c / f, warmSeconds: w, cold, floor, warm };
}
