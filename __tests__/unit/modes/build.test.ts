// Build mode's order, and what it refuses before anything is downloaded. Building runs end to end
// in __tests__/e2e (the bundled action against a local mirror).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors.js';
import { newHttpClient } from '../../../src/lib/http.js';
import { BUILD_STEPS } from '../../../src/modes/build.js';
import { parseTargetList, type TargetEntry } from '../../../src/targets/target.js';
import { buildSpec, offlineInputs, recordingLog, runnerAt } from '../helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'build-mode-'));
  writeFileSync(join(dir, 'go.mod'), 'module example.com/hello\n\ngo 1.22\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('build mode', () => {
  it('lists its steps in the order they run: every check that needs no download before the download', () => {
    expect(BUILD_STEPS.names).toEqual([
      'check cache-dependency-path',
      'check the packages',
      'find the signing programs',
      'pin Go',
      'name the binaries',
      'read the stamp',
      'find archive-files',
      'check the targets (port table)',
      'install Go (and zig)',
      'show the toolchain',
      'check the targets (installed Go)',
      'install zig',
      'lay out the tasks',
      'restore the caches',
      'download the modules',
      'go generate (once, on the host)',
      'build',
      'stop on a failed build',
      'sign',
      'assemble darwin/universal',
      'publish',
      'summarize',
    ]);
  });

  it('refuses a target the port table knows is no port before anything is downloaded or installed', async () => {
    const b = buildSpec({ targets: parseTargetList('linux/amd64, linux/amd65') as TargetEntry[], outputDir: join(dir, 'dist') });
    const inputs = offlineInputs(dir, {
      build: b,
      cache: { enabled: true, readOnly: 'auto', onRelease: false, dependencyPath: [], keySuffix: '' },
    });
    const runner = runnerAt(dir);
    const heard: string[] = [];
    const { log } = recordingLog();
    const ctx = { runner, client: newHttpClient(1_000), log };
    const e = (await BUILD_STEPS.run({ inputs, b, ctx }, (name) => heard.push(name)).catch((x: unknown) => x)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect([e.input, e.value]).toEqual(['targets', 'linux/amd65']);
    expect(heard.at(-1)).toBe('check the targets (port table)');
    expect(existsSync(join(dir, 'tc'))).toBe(false);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('refuses a package directory outside the module before Go is pinned or anything is downloaded', async () => {
    mkdirSync(join(dir, 'mod'));
    writeFileSync(join(dir, 'mod', 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
    const b = buildSpec({ packages: ['../other'], outputDir: join(dir, 'mod', 'dist') });
    const inputs = offlineInputs(join(dir, 'mod'), { build: b });
    const heard: string[] = [];
    const ctx = { runner: runnerAt(dir), client: newHttpClient(1_000), log: recordingLog().log };
    const e = (await BUILD_STEPS.run({ inputs, b, ctx }, (name) => heard.push(name)).catch((x: unknown) => x)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect([e.input, e.value]).toEqual(['package', '../other']);
    expect(e.message).toContain(`"../other": ${join(dir, 'other')} is outside the module at ${join(dir, 'mod')}`);
    expect(heard.at(-1)).toBe('check the packages');
    expect(existsSync(join(dir, 'tc'))).toBe(false);
  });

  it('refuses a signing program that is not on PATH before Go is pinned or anything is downloaded', async () => {
    const sign = { args: ['go-crossbuild-no-signer', '{path}'], text: 'go-crossbuild-no-signer\n{path}' };
    const b = buildSpec({ outputDir: join(dir, 'dist'), sign });
    const inputs = offlineInputs(dir, { build: b });
    const heard: string[] = [];
    const runner = { ...runnerAt(dir), env: { PATH: join(dir, 'bin') } };
    const ctx = { runner, client: newHttpClient(1_000), log: recordingLog().log };
    const e = (await BUILD_STEPS.run({ inputs, b, ctx }, (name) => heard.push(name)).catch((x: unknown) => x)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect([e.input, e.value]).toEqual(['sign', 'go-crossbuild-no-signer\n{path}']);
    expect(e.message).toContain('go-crossbuild-no-signer was not found on PATH');
    expect(heard.at(-1)).toBe('find the signing programs');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });
});
