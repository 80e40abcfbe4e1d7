// The layout's rules, checked: folders are stages in the order data flows through them, a stage
// never imports a later one, no folder's modules import each other in a circle, a mode never
// imports another mode, base names are unique, input errors are thrown only by inputs/ and the
// modes, processes start only in lib/process.ts, and only the action edge talks to the runner
// through @actions/core.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../../src', import.meta.url));
const STAGES = ['lib', 'toolchain', 'targets', 'cc', 'binaries', 'gobuild', 'artifacts', 'cache', 'shards', 'inputs', 'modes', 'action'];
const ENTRIES = ['main.ts', 'post.ts', 'errors.ts'];
const MODES = ['modes/setup.ts', 'modes/build.ts', 'modes/plan.ts', 'modes/merge.ts'];

const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(src, f));
const rel = (file: string) => relative(src, file).split('\\').join('/');
const stageOf = (file: string) => rel(file).split('/')[0];
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import [^;]*? from '([^']+)';$/gm)].map((m) => m[1]);
/** The src files a file imports, as paths relative to src. */
const localImports = (file: string) =>
  imports(file)
    .filter((m) => m.startsWith('.'))
    .map((m) => rel(resolve(dirname(file), m.replace(/\.js$/, '.ts'))));

it('has only stage folders and the entry files at the top', () => {
  const top = [...new Set(files.map(stageOf))].sort();
  expect(top).toEqual([...STAGES, ...ENTRIES].sort());
});

it('never imports a later stage', () => {
  const late = files.flatMap((f) =>
    localImports(f)
      .map((to) => to.split('/')[0])
      .filter((to) => STAGES.includes(stageOf(f)) && STAGES.indexOf(to) > STAGES.indexOf(stageOf(f)))
      .map((to) => `${rel(f)} imports ${to}/`),
  );
  expect(late).toEqual([]);
});

it('has no import cycle inside a folder', () => {
  const graph = new Map(files.map((f) => [rel(f), localImports(f).filter((to) => dirname(to) === dirname(rel(f)))]));
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
      return;
    }
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  expect(cycles).toEqual([]);
});

it('never has one mode import another', () => {
  const crossed = MODES.flatMap((m) =>
    localImports(join(src, m))
      .filter((to) => MODES.includes(to) && to !== m)
      .map((to) => `${m} imports ${to}`),
  );
  expect(crossed).toEqual([]);
});

it('uses each base name once', () => {
  const byName = new Map<string, string[]>();
  for (const f of files) byName.set(basename(f), [...(byName.get(basename(f)) ?? []), rel(f)]);
  expect([...byName.values()].filter((paths) => paths.length > 1)).toEqual([]);
});

it('throws input errors only from inputs/ and the modes: a stage below returns an InputProblem', () => {
  const below = STAGES.slice(0, STAGES.indexOf('inputs'));
  const throwing = files.filter((f) => below.includes(stageOf(f)) && /\bInputError\b/.test(readFileSync(f, 'utf8'))).map(rel);
  expect(throwing).toEqual([]);
});

it('starts processes only in lib/process.ts', () => {
  const spawning = files.filter((f) => imports(f).some((m) => m === 'node:child_process' || m === '@actions/exec')).map(rel);
  expect(spawning).toEqual(['lib/process.ts']);
});

it('imports @actions/core only at the edge', () => {
  const core = files.filter((f) => imports(f).includes('@actions/core')).map(rel);
  expect(core.every((f) => f.startsWith('action/') || f === 'main.ts' || f === 'post.ts')).toBe(true);
  expect(core).toContain('action/core-log.ts');
});
