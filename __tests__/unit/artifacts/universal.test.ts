import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFat, sliceBytes } from '../../../src/binaries/fat-macho.js';
import { assembleUniversal, fatChecked } from '../../../src/artifacts/universal.js';
import type { BuildResult } from '../../../src/gobuild/run.js';
import type { BuildTask } from '../../../src/gobuild/tasks.js';
import { t } from '../helpers.js';
import { goMachO } from './universal-fixtures.js';

describe('fatChecked', () => {
  const amd64 = goMachO('amd64');
  const arm64 = goMachO('arm64');

  it('joins the slices and gives the build info the slices carry', () => {
    const fat = fatChecked([
      { goarch: 'arm64', bytes: arm64 },
      { goarch: 'amd64', bytes: amd64 },
    ]);
    if ('problem' in fat) throw new Error(fat.problem);
    const slices = readFat(fat.bytes);
    if ('problem' in slices) throw new Error(slices.problem);
    expect(slices.map((s) => s.goarch)).toEqual(['amd64', 'arm64']);
    expect(sliceBytes(fat.bytes, slices[1]).equals(arm64)).toBe(true);
    expect(fat.info).toMatchObject({ goVersion: 'go1.24.4', path: 'example.com/hello' });
  });

  it('refuses a slice whose header says another architecture, or that carries no build info', () => {
    expect(
      fatChecked([
        { goarch: 'amd64', bytes: goMachO('arm64') },
        { goarch: 'arm64', bytes: arm64 },
      ]),
    ).toEqual({ problem: 'two slices are arm64' });
    expect(
      fatChecked([
        { goarch: 'amd64', bytes: amd64 },
        { goarch: 'arm64', bytes: goMachO('arm64', false) },
      ]),
    ).toEqual({ problem: 'its arm64 slice: no Go build info in the binary' });
  });
});

describe('assembleUniversal', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gcb-universal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const result = (target: string, pkg = '.'): BuildResult => {
    const slug = target.replace(/\//g, '-');
    const binary = join(dir, pkg === '.' ? slug : `${slug}-tool`, pkg === '.' ? 'hello' : 'tool');
    mkdirSync(join(binary, '..'), { recursive: true });
    writeFileSync(binary, goMachO(target.split('/')[1]));
    const task = {
      target: t(target),
      pkg,
      name: pkg === '.' ? 'hello' : 'tool',
      binary,
      artifact: `x-${slug}`,
      archive: 'tar.gz',
      files: [],
    };
    return { task: task as unknown as BuildTask, status: 'ok', seconds: 1, prepareLog: '', built: true, log: '', checked: true };
  };

  it('writes one fat binary per package beside the slices, named as the template names darwin/universal', async () => {
    const results = [
      result('darwin/amd64'),
      result('darwin/arm64'),
      result('darwin/amd64', './cmd/tool'),
      result('darwin/arm64', './cmd/tool'),
      result('linux/amd64'),
    ];
    const built = await assembleUniversal(results, t('darwin/universal'), 'spdx', (name) => `${name}-darwin-universal.tar.gz`);
    expect(built.map((b) => [b.artifact, b.binary.slice(dir.length), b.archive, b.sbom?.format])).toEqual([
      ['hello-darwin-universal.tar.gz', '/darwin-universal/hello', 'tar.gz', 'spdx'],
      ['tool-darwin-universal.tar.gz', '/darwin-universal-tool/tool', 'tar.gz', 'spdx'],
    ]);
    const slices = readFat(readFileSync(built[0].binary));
    expect('problem' in slices ? slices : slices.map((s) => s.goarch)).toEqual(['amd64', 'arm64']);
  });

  it('does nothing without darwin/universal among the targets', async () => {
    expect(await assembleUniversal([result('darwin/amd64'), result('darwin/arm64')], undefined, 'none', (n) => n)).toEqual([]);
  });
});
