// `npm run demo`, as a newcomer runs it: the main job end to end, with its key lines.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { actionNode, ROOT } from '../support/runner.ts';

describe('npm run demo', () => {
  it('cross-builds with per-target generate, runs the arm64 binary under qemu, and shows the naive generate failing', () => {
    const res = spawnSync(actionNode(), [join(ROOT, 'scripts', 'demo.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    const out = `${res.stdout}${res.stderr}`;
    expect(res.status).toBe(0);
    for (let step = 1; step <= 6; step++) expect(out).toContain(`[${step}/6 `);
    for (const name of ['demo-linux-amd64.tar.gz', 'demo-linux-arm64.tar.gz', 'demo-windows-amd64.zip', 'demo-darwin-arm64.tar.gz'])
      expect(out).toMatch(new RegExp(`^ {2}[0-9a-f]{64} {2}${name.replace(/\./g, '\\.')}$`, 'm'));
    expect(out).toContain('generated for linux/arm64 by a generator running on linux/amd64');
    expect(out).toMatch(/exit 1: fork\/exec \S+\/gen: exec format error/);
  }, 320_000);
});
