// dist/licenses.txt against the bundle itself: every third-party package whose code is in
// dist/index.js or dist/post.js (esbuild marks each bundled file with a `// path` comment) has its
// notice, and nothing else is listed. `npm test` rebuilds dist/ first (pretest).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(resolve(root, p), 'utf8');

/** name@version of every package a bundle's module comments name (a nested copy by its own version). */
function bundled(): Set<string> {
  const ids = new Set<string>();
  for (const file of ['dist/index.js', 'dist/post.js'])
    for (const [, path] of read(file).matchAll(/^\/\/ (\S*node_modules\/\S+)$/gm)) {
      const last = [...path.matchAll(/node_modules\/(?:@[^/]+\/)?[^/]+\//g)].pop()!;
      const pkg = JSON.parse(read(resolve(root, path.slice(0, last.index + last[0].length), 'package.json'))) as {
        name: string;
        version: string;
      };
      ids.add(`${pkg.name}@${pkg.version}`);
    }
  return ids;
}

/** The entries of licenses.txt: id → the lines under it. */
function notices(): Map<string, string> {
  const text = read('dist/licenses.txt');
  return new Map(
    text
      .split(/^-{100}\n/m)
      .slice(1)
      .map((entry) => [entry.slice(0, entry.indexOf('\n')), entry] as const),
  );
}

it('dist/licenses.txt names every package bundled in dist/, and only those', () => {
  expect(existsSync(resolve(root, 'dist/licenses.txt'))).toBe(true);
  const want = bundled();
  // @actions/* and their Azure SDK, undici, tar, yazl, semver, p-limit, p-retry …
  expect(want.size).toBeGreaterThan(20);
  expect([...notices().keys()].sort()).toEqual([...want].sort());
});

it('gives each a licence and its text, or says that the package ships none', () => {
  for (const [id, entry] of notices()) {
    expect([id, /^License: \S/m.test(entry)]).toEqual([id, true]);
    const body = entry.slice(entry.indexOf('\n\n') + 2);
    expect([id, /(copyright|permission|licen[cs]e)/i.test(body)]).toEqual([id, true]);
  }
  expect(notices().get([...notices().keys()].find((k) => k.startsWith('@actions/core@'))!)).toMatch(/MIT License[\s\S]*Copyright/);
});
