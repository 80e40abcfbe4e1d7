import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkPackages,
  directiveDirs,
  isLocalPackage,
  moduleLayout,
  packagesProblem,
  type TreeProbe,
} from '../../../src/gobuild/package-dirs.js';
import { parseEnvRules } from '../../../src/gobuild/settings.js';
import { buildSpec } from '../helpers.js';

const repo = '/runner/work/repo';
const MOD = 'module example.com/m\n\ngo 1.22\n';

/** A file tree from paths: a path ending in / is a directory, any other a file with its text. */
function tree(entries: Record<string, string>): TreeProbe {
  const dirs = new Set<string>(['/']);
  for (const p of Object.keys(entries))
    for (let d = p.endsWith('/') ? p.slice(0, -1) : p.slice(0, p.lastIndexOf('/')); d; d = d.slice(0, d.lastIndexOf('/'))) dirs.add(d);
  return { isDirectory: (p) => dirs.has(p), readText: (p) => (p.endsWith('/') ? undefined : entries[p]) };
}

/** The repo's module with cmd/tool, a nested module under tools/, and a sibling module next to it. */
const files = {
  [`${repo}/go.mod`]: MOD,
  [`${repo}/main.go`]: 'package main',
  [`${repo}/cmd/tool/main.go`]: 'package main',
  [`${repo}/tools/go.mod`]: 'module example.com/m/tools\n',
  [`${repo}/tools/gen/main.go`]: 'package main',
  '/runner/work/other/go.mod': 'module example.com/other\n',
  '/runner/work/other/cmd/x/main.go': 'package main',
};
const problem = (packages: string[], wd = repo, extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
  packagesProblem(packages, wd, env, tree({ ...files, ...extra }))?.problem;

describe('isLocalPackage', () => {
  it('is what go reads as a directory: ., .., ./x, ../x and absolute paths', () => {
    expect(['.', '..', './cmd/tool', '../x', './...', '/abs/cmd'].every(isLocalPackage)).toBe(true);
    expect(['example.com/m/cmd/tool', 'cmd/tool', '...', '.hidden', '..x', 'all'].some(isLocalPackage)).toBe(false);
  });
});

describe('packagesProblem', () => {
  it('takes the valid forms: ., ./cmd/tool, ./..., ./cmd/..., an absolute path in the module, and import paths unread', () => {
    expect(problem(['.', './cmd/tool', './cmd/tool/', './...', './cmd/...', `${repo}/cmd/tool`])).toBeUndefined();
    // An import path may name a dependency's command: go judges it, even one under the module path that is not there.
    expect(problem(['example.com/m/cmd/tool', 'example.com/m/v2/cmd/x', 'golang.org/x/tools/cmd/stringer'])).toBeUndefined();
    // From a working-directory below the module root, as go finds the root.
    expect(problem(['.', '../tool', '../../...'], `${repo}/cmd/tool`)).toBeUndefined();
  });

  it('refuses a directory outside the module, naming it and the module', () => {
    expect(problem(['../other/cmd/x'])).toBe(`"../other/cmd/x": /runner/work/other/cmd/x is outside the module at ${repo}`);
    expect(problem(['/etc'])).toBe(`"/etc": /etc is outside the module at ${repo}`);
    expect(problem(['../...'])).toBe(`"../...": /runner/work is outside the module at ${repo}`);
    expect(problem(['.', './cmd/tool', '..'])).toBe(`"..": /runner/work is outside the module at ${repo}`);
  });

  it('refuses a directory in a nested module, and one that does not exist', () => {
    expect(problem(['./tools/gen'])).toBe(
      `"./tools/gen": ${repo}/tools/gen is in the nested module of ${repo}/tools/go.mod, not in the module at ${repo}`,
    );
    expect(problem(['./tools'])).toContain('is in the nested module of');
    expect(problem(['./cmd/tol'])).toBe(`"./cmd/tol": no such directory (looked at ${repo}/cmd/tol)`);
    expect(problem(['./nope/...'])).toBe(`"./nope/...": no such directory (looked at ${repo}/nope)`);
  });

  it('names the input and its whole value', () => {
    expect(packagesProblem(['.', '../other/cmd/x'], repo, {}, tree(files))).toMatchObject({
      input: 'package',
      value: '., ../other/cmd/x',
      allowed: expect.stringContaining('a directory must be inside the module (or a module go.work uses), not in a nested module'),
    });
  });

  it('takes a directory that a replace line brings in, as go does', () => {
    const replaced = {
      [`${repo}/go.mod`]: `${MOD}replace example.com/other v1.0.0 => ../other // local fork\nreplace (\n\texample.com/x => example.com/y v1.0.0\n)\n`,
    };
    expect(problem(['../other/cmd/x'], repo, replaced)).toBeUndefined();
    expect(problem(['../other/cmd/y'], repo, replaced)).toBe('"../other/cmd/y": no such directory (looked at /runner/work/other/cmd/y)');
  });

  it('takes the modules go.work uses, found above the working directory or named by GOWORK, and not with GOWORK=off', () => {
    const work = { '/runner/work/go.work': 'go 1.22\n\nuse (\n\t./repo\n\t"./other" // sibling\n)\n' };
    expect(problem(['../other/cmd/x'], repo, work)).toBeUndefined();
    expect(problem(['./tools/gen'], repo, work)).toBe(
      `"./tools/gen": ${repo}/tools/gen is in the nested module of ${repo}/tools/go.mod, not in the modules /runner/work/go.work uses`,
    );
    expect(problem(['../other/cmd/x'], repo, work, { GOWORK: 'off' })).toContain('is outside the module at');
    const named = { '/elsewhere/ws.work': 'use /runner/work/other\nuse /runner/work/repo\n' };
    expect(problem(['../other/cmd/x'], repo, named, { GOWORK: '/elsewhere/ws.work' })).toBeUndefined();
    expect(problem(['../other/cmd/x'], repo, { '/runner/go.work': 'use ./work/repo\n' })).toBe(
      '"../other/cmd/x": /runner/work/other/cmd/x is outside the modules /runner/go.work uses',
    );
  });

  it('leaves it to go where it would not be in module mode, or no go.mod is found', () => {
    expect(problem(['../x'], repo, {}, { GO111MODULE: 'off' })).toBeUndefined();
    expect(problem(['../x'], '/runner/work/other2', {})).toBeUndefined();
    expect(problem(['../x'], repo, {}, { GOWORK: '/nowhere/go.work' })).toBeUndefined();
  });
});

describe('directiveDirs and moduleLayout', () => {
  it('reads use and local replace lines, single and in blocks, quoted or not', () => {
    const text = 'go 1.22\nuse ./a\nuse (\n  ../b\n  `c d`\n)\nreplace m => ./r\nreplace m2 v1 => m3 v2\nreplace (\n  m4 => /abs/r4\n)\n';
    expect(directiveDirs(text, 'use', '/w')).toEqual(['/w/a', '/b', '/w/c d']);
    expect(directiveDirs(text, 'replace', '/w')).toEqual(['/w/r', '/abs/r4']);
  });

  it('is the nearest go.mod, or the go.work that wins over it', () => {
    expect(moduleLayout(`${repo}/cmd/tool`, {}, tree(files))).toEqual({ file: `${repo}/go.mod`, roots: [repo], replaced: [] });
    expect(moduleLayout(`${repo}/tools/gen`, {}, tree(files))).toMatchObject({ roots: [`${repo}/tools`] });
  });
});

describe('checkPackages', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'package-dirs-'));
    mkdirSync(join(dir, 'mod', 'cmd', 'tool'), { recursive: true });
    mkdirSync(join(dir, 'mod', 'nested'));
    writeFileSync(join(dir, 'mod', 'go.mod'), MOD);
    writeFileSync(join(dir, 'mod', 'nested', 'go.mod'), 'module example.com/nested\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const check = (packages: string[], envText = '', jobEnv: Record<string, string> = {}) => {
    const env = parseEnvRules(envText);
    if ('problem' in env) throw new Error(env.problem);
    return checkPackages(buildSpec({ packages, settings: { ...buildSpec().settings, env } }), join(dir, 'mod'), jobEnv)?.problem;
  };

  it('reads the real tree', () => {
    expect(check(['.', './cmd/tool', './...'])).toBeUndefined();
    expect(check(['./nested'])).toContain('is in the nested module of');
    expect(check(['../elsewhere'])).toContain('is outside the module at');
  });

  it('takes GOWORK and GO111MODULE from the job and the env lines for every target, and leaves per-target ones to go', () => {
    expect(check(['../elsewhere'], '', { GO111MODULE: 'off' })).toBeUndefined();
    expect(check(['../elsewhere'], 'GO111MODULE=off')).toBeUndefined();
    expect(check(['../elsewhere'], 'linux/*: GOWORK=/w/go.work')).toBeUndefined();
    expect(check(['../elsewhere'], 'GOFLAGS=-mod=mod', { GOWORK: 'off' })).toContain('is outside the module at');
  });
});
