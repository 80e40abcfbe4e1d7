// The reusable workflow (.github/workflows/crossbuild.yml) against action.yml: every input of the
// action is passed through to the plan or build job, or named, with its reason, in the workflow's
// "Not passed, and why" comment. A new input in action.yml fails here until it is one or the other.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { INPUTS, type Mode } from '../../../src/inputs/table.js';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));

interface Step {
  uses?: string;
  with?: Record<string, string | number | boolean>;
}
interface Workflow {
  on: {
    workflow_call: {
      inputs: Record<string, { type: string; default?: string | boolean; required?: boolean }>;
      secrets?: Record<string, unknown>;
    };
  };
  jobs: Record<string, { steps: Step[] }>;
}

const action = parse(readFileSync(root('action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
const workflowText = readFileSync(root('.github/workflows/crossbuild.yml'), 'utf8');
const workflow = parse(workflowText) as Workflow;
const actionInputs = Object.keys(action.inputs);

/** The `with:` of this action's step in a job: the action from the workflow's own checkout. */
function actionStep(job: string): Record<string, string> {
  const step = workflow.jobs[job].steps.find((s) => s.uses === './.go-crossbuild');
  if (!step) throw new Error(`job ${job} has no go-crossbuild step`);
  return Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]));
}

/** The `#   name: reason` lines under the header's "Not passed, and why" line. */
function exclusions(text: string): Map<string, string> {
  const lines = text.split('\n');
  const item = /^# {3}([a-z0-9-]+): (\S.*)$/;
  const marker = lines.findIndex((l) => l.includes('Not passed, and why'));
  const start = lines.findIndex((l, i) => i > marker && item.test(l));
  const out = new Map<string, string>();
  for (const line of lines.slice(start)) {
    const m = item.exec(line);
    if (!m) break;
    out.set(m[1], m[2]);
  }
  return out;
}

/** Action inputs given to the plan or build step from a workflow_call input or secret. */
function passedThrough(wf: Workflow): Set<string> {
  const declared = new Set([
    ...Object.keys(wf.on.workflow_call.inputs).map((n) => `inputs.${n}`),
    ...Object.keys(wf.on.workflow_call.secrets ?? {}).map((n) => `secrets.${n}`),
  ]);
  const passed = new Set<string>();
  for (const job of ['plan', 'build'])
    for (const [key, value] of Object.entries(actionStep(job)))
      if ([...value.matchAll(/\b(?:inputs|secrets)\.[a-z0-9-]+/g)].some((m) => declared.has(m[0]))) passed.add(key);
  return passed;
}

/** Action inputs that are neither passed through nor excluded with a reason. */
function unaccounted(inputs: string[], wf: Workflow, excluded: Map<string, string>): string[] {
  const passed = passedThrough(wf);
  return inputs.filter((name) => !passed.has(name) && !excluded.has(name));
}

const excluded = exclusions(workflowText);

describe('the reusable workflow', () => {
  it('passes every action input through, or says why not', () => {
    expect(unaccounted(actionInputs, workflow, excluded)).toEqual([]);
    expect([...excluded.keys()].sort()).toEqual(['mode', 'problem-matchers', 'sign', 'sign-checksums']);
  });

  it('fails for an input that action.yml gains and the workflow does not pass', () => {
    expect(unaccounted([...actionInputs, 'new-input'], workflow, excluded)).toEqual(['new-input']);
  });

  it('excludes only inputs the action has, each with a reason, and passes none of them', () => {
    const passed = passedThrough(workflow);
    for (const [name, reason] of excluded) {
      expect([name, actionInputs.includes(name), passed.has(name)]).toEqual([name, true, false]);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it('gives each job only inputs its mode reads', () => {
    const modes: [string, Mode][] = [
      ['plan', 'plan'],
      ['build', 'build'],
      ['merge', 'merge'],
    ];
    for (const [job, mode] of modes) {
      const step = actionStep(job);
      expect(step.mode).toBe(mode);
      const unread = Object.keys(step).filter((k) => k !== 'mode' && !INPUTS.find((i) => i.name === k)?.modes.includes(mode));
      expect([job, unread]).toEqual([job, []]);
    }
  });

  it("declares the action's defaults for the inputs it passes under the same name", () => {
    const wfInputs = workflow.on.workflow_call.inputs;
    const sameName = (n: string) => ['plan', 'build'].some((job) => actionStep(job)[n]?.includes(`inputs.${n}`));
    const differ = Object.keys(wfInputs)
      .filter((n) => n in action.inputs && sameName(n))
      .filter((n) => String(wfInputs[n].default ?? '') !== String(action.inputs[n].default ?? ''))
      .map((n) => `${n}: ${wfInputs[n].default} vs ${action.inputs[n].default}`);
    expect(differ).toEqual([]);
  });

  it('uses every input it declares', () => {
    const jobsText = workflowText.slice(workflowText.indexOf('\njobs:'));
    const unused = Object.keys(workflow.on.workflow_call.inputs).filter(
      (n) => !jobsText.includes(`inputs.${n} `) && !jobsText.includes(`inputs.${n})`),
    );
    expect(unused).toEqual([]);
  });

  it("reads go-version-file from working-directory's go.mod by default, and only without go-version", () => {
    const plan = actionStep('plan');
    expect(plan['go-version-file']).toContain("inputs.go-version == ''");
    expect(plan['go-version-file']).toContain("format('{0}/go.mod', inputs.working-directory)");
    expect(workflow.on.workflow_call.inputs['go-version-file'].default).toBe('');
  });

  it('builds every shard on the toolchain the plan pinned', () => {
    const build = actionStep('build');
    expect(build['go-version']).toBe('${{ fromJSON(needs.plan.outputs.toolchain).version }}');
    expect(build['go-sha256']).toBe('${{ fromJSON(needs.plan.outputs.toolchain).sha256 }}');
    expect(actionStep('plan')['go-sha256']).toBe('${{ inputs.go-sha256 }}');
  });
});
