// The problem matchers run over real go build, go vet and go test output, with the runner's
// matching rules: a one-pattern matcher takes a line on its own; a multi-pattern one needs its
// patterns on consecutive lines, and a looping last pattern goes on matching the lines after it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GO_MATCHERS, type ProblemMatcher } from '../../../src/toolchain/matchers.js';
import { findToolchains } from '../../support/toolchains.ts';

interface Found {
  owner: string;
  file?: string;
  line?: string;
  column?: string;
  message?: string;
  code?: string;
}

/** Every annotation the matchers make of `output`, as the runner's matcher loop makes them. */
function annotate(output: string): Found[] {
  const found: Found[] = [];
  const state = new Map<ProblemMatcher, (Found | undefined)[]>(GO_MATCHERS.problemMatcher.map((m) => [m, []]));
  const take = (m: ProblemMatcher, i: number, groups: RegExpExecArray, into: Found): Found => {
    const p = m.pattern[i];
    const out = { ...into };
    for (const k of ['file', 'line', 'column', 'message', 'code'] as const) if (p[k] !== undefined) out[k] = groups[p[k]!];
    return out;
  };
  for (const line of output.split('\n')) {
    for (const m of GO_MATCHERS.problemMatcher) {
      const running = state.get(m)!;
      // Last pattern first, as the runner does, so one line cannot both start and end a match.
      for (let i = m.pattern.length - 1; i >= 0; i--) {
        const before = i > 0 ? running[i - 1] : { owner: m.owner };
        if (!before) continue;
        const g = new RegExp(m.pattern[i].regexp).exec(line);
        const last = i === m.pattern.length - 1;
        if (g && last) {
          found.push(take(m, i, g, before));
          running.length = 0;
          if (m.pattern[i].loop && i > 0) running[i - 1] = before;
          break;
        }
        if (!last) running[i] = g ? take(m, i, g, before) : undefined;
      }
    }
  }
  return found;
}

const tc = findToolchains()[0];
const dir = mkdtempSync(join(tmpdir(), 'matchers-'));
const go = (...args: string[]) =>
  spawnSync(join(tc.goroot, 'bin', 'go'), args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GOROOT: tc.goroot, GOTOOLCHAIN: 'local', GOFLAGS: '', GOWORK: 'off', GOCACHE: join(dir, '.cache') },
  });
const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

beforeAll(() => {
  write('go.mod', 'module example.com/m\n\ngo 1.22\n');
  write('vet/vet.go', 'package vet\n\nimport "fmt"\n\nfunc F() { fmt.Printf("%d\\n", "x") }\n');
  write('broken/broken.go', 'package broken\n\nfunc F() int { return undefinedThing }\n');
  write(
    'calc_test.go',
    [
      'package m',
      'import "testing"',
      'func TestAdd(t *testing.T) {',
      '\tt.Log("a log line of a failing test")',
      '\tif 1+1 != 3 {',
      '\t\tt.Errorf("want %d, got %d", 3, 1+1)',
      '\t}',
      '}',
      'func TestPasses(t *testing.T) { t.Log("a passing test says main_test.go:1: this") }',
      'func TestSub(t *testing.T) {',
      '\tt.Run("inner", func(t *testing.T) { t.Fatal("inner broke") })',
      '}',
      '',
    ].join('\n'),
  );
});

it('annotates go build errors at their file, line and column', () => {
  const r = go('build', './broken');
  expect(r.status).not.toBe(0);
  expect(annotate(r.stderr)).toEqual([
    { owner: 'go-crossbuild-go', file: 'broken/broken.go', line: '3', column: '23', message: 'undefined: undefinedThing' },
  ]);
});

it('annotates go vet findings', () => {
  const r = go('vet', './vet');
  expect(r.status).not.toBe(0);
  expect(annotate(r.stderr)).toEqual([
    {
      owner: 'go-crossbuild-go',
      file: expect.stringMatching(/^(\.\/)?vet\/vet\.go$/),
      line: '5',
      column: '12',
      message: 'fmt.Printf format %d has arg "x" of wrong type string',
    },
  ]);
});

it('annotates each failing test line under its --- FAIL line, and nothing of passing tests, with or without -v', () => {
  const want = [
    { owner: 'go-crossbuild-go-test', code: 'TestAdd', file: 'calc_test.go', line: '4', message: 'a log line of a failing test' },
    { owner: 'go-crossbuild-go-test', code: 'TestAdd', file: 'calc_test.go', line: '6', message: 'want 3, got 2' },
    { owner: 'go-crossbuild-go-test', code: 'TestSub/inner', file: 'calc_test.go', line: '11', message: 'inner broke' },
  ];
  const plain = go('test', '-count=1', '.');
  expect(plain.status).not.toBe(0);
  expect(annotate(plain.stdout)).toEqual(want);
  // -v prints a test's lines before its --- FAIL line: nothing is taken, least of all passing tests' logs.
  const verbose = go('test', '-count=1', '-v', '.');
  expect(verbose.stdout).toContain('a passing test says');
  expect(annotate(verbose.stdout).filter((a) => a.message?.includes('passing'))).toEqual([]);
});
