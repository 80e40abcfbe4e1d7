import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ignoredInputs, INPUTS } from '../../../src/inputs/table.js';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const action = parse(readFileSync(root('action.yml'), 'utf8')) as { inputs: Record<string, { default?: string | number | boolean }> };

/** The input table of docs/reference.md: name → default cell, in order. */
function documentedInputs(): [string, string][] {
  const reference = readFileSync(root('docs/reference.md'), 'utf8');
  const section = reference.slice(reference.indexOf('\n## Inputs'), reference.indexOf('\n## Outputs'));
  return [...section.matchAll(/^\| `([a-z0-9-]+)` +\| ([^|]*?) +\|/gm)].map((m) => [m[1], m[2]]);
}

describe('the input table', () => {
  it('is action.yml: the same inputs, in the same order, with the same defaults', () => {
    expect(Object.keys(action.inputs)).toEqual(INPUTS.map((i) => i.name));
    for (const i of INPUTS) expect([i.name, action.inputs[i.name].default?.toString()]).toEqual([i.name, i.default]);
  });

  it("is docs/reference.md's: every input, in order, with its default", () => {
    const rows = documentedInputs();
    expect(rows.map(([name]) => name)).toEqual(INPUTS.map((i) => i.name));
    for (const [name, cell] of rows) {
      const d = INPUTS.find((i) => i.name === name)!.default;
      if (d !== undefined) expect([name, cell]).toEqual([name, `\`${d}\``]);
    }
  });
});

describe('ignoredInputs', () => {
  const set =
    (...names: string[]) =>
    (n: string) =>
      names.includes(n);

  it('warns once per reason about set inputs the mode does not read', () => {
    expect(ignoredInputs('merge', set('go-version', 'shards', 'ldflags', 'tags', 'targets'))).toEqual([
      'go-version is ignored: merge mode installs no Go.',
      'ldflags, tags are ignored: merge mode builds nothing.',
      'shards is ignored: only plan mode reads them.',
    ]);
    expect(ignoredInputs('setup', set('env', 'runs-on', 'go-version'))).toEqual([
      'env is ignored: no targets are set, so nothing is built.',
      'runs-on is ignored: only plan mode reads them.',
    ]);
    expect(ignoredInputs('plan', set('cache-dependency-path'))).toEqual([
      'cache-dependency-path is ignored: plan mode does not read them.',
    ]);
  });

  it('never warns about an input with a default, which the runner always sets', () => {
    const all = set(...INPUTS.map((i) => i.name));
    const named = ignoredInputs('merge', all).flatMap((w) => w.split(' is')[0].split(' are')[0].split(', '));
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => INPUTS.find((i) => i.name === n)?.default !== undefined)).toEqual([]);
    expect(ignoredInputs('build', all)).toEqual(['shards, runs-on are ignored: only plan mode reads them.']);
  });
});
