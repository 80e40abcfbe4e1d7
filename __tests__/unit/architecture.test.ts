// The layout's rules, checked: folders are stages in pipeline order, a stage never imports a later
// one, and only the action edge talks to the runner through @actions/core.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../../src', import.meta.url));
const STAGES = ['lib', 'toolchain', 'targets', 'cc', 'binaries', 'gobuild', 'artifacts', 'cache', 'shards', 'inputs', 'modes', 'action'];
const ENTRIES = ['main.ts', 'post.ts', 'errors.ts'];

const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(src, f));
const stageOf = (file: string) => relative(src, file).split(/[\\/]/)[0];
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import [^;]*? from '([^']+)';$/gm)].map((m) => m[1]);

it('has only stage folders and the entry files at the top', () => {
  const top = [...new Set(files.map(stageOf))].sort();
  expect(top).toEqual([...STAGES, ...ENTRIES].sort());
});

it('never imports a later stage', () => {
  const late = files.flatMap((f) =>
    imports(f)
      .filter((m) => m.startsWith('.'))
      .map((m) => stageOf(resolve(dirname(f), m)))
      .filter((to) => STAGES.includes(stageOf(f)) && STAGES.indexOf(to) > STAGES.indexOf(stageOf(f)))
      .map((to) => `${relative(src, f)} imports ${to}/`),
  );
  expect(late).toEqual([]);
});

it('imports @actions/core only at the edge', () => {
  const core = files.filter((f) => imports(f).includes('@actions/core')).map((f) => relative(src, f).split('\\').join('/'));
  expect(core.every((f) => f.startsWith('action/') || f === 'main.ts' || f === 'post.ts')).toBe(true);
  expect(core).toContain('action/core-log.ts');
});
