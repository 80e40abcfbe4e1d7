import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  DEFAULT_ARTIFACT_NAME,
  NAME_FIELDS,
  archiveFormat,
  artifactFileName,
  binaryExt,
  duplicateNames,
  renderName,
  templateProblem,
  unusableNames,
} from '../../../src/gobuild/artifact-names.js';
import { t } from '../helpers.js';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));

const release = { version: '1.2.3', tag: 'cmd/tool/v1.2.3', commit: 'a'.repeat(40) };

describe('artifact names', () => {
  it('renders the default template with the variant and suffixes', () => {
    expect(renderName(DEFAULT_ARTIFACT_NAME, 'app', t('linux/arm/7'), '', release)).toBe('app-linux-arm-7');
    expect(renderName(DEFAULT_ARTIFACT_NAME, 'app', t('linux/amd64/musl'), '', release)).toBe('app-linux-amd64-musl');
    expect(renderName(DEFAULT_ARTIFACT_NAME, 'app', t('linux/arm/7/musl'), '', release)).toBe('app-linux-arm-7-musl');
    expect(artifactFileName(DEFAULT_ARTIFACT_NAME, 'app', t('windows/amd64'), null, release)).toBe('app-windows-amd64.exe');
    expect(artifactFileName(DEFAULT_ARTIFACT_NAME, 'app', t('js/wasm'), null, release)).toBe('app-js-wasm.wasm');
    expect(artifactFileName(DEFAULT_ARTIFACT_NAME, 'app', t('windows/amd64'), 'zip', release)).toBe('app-windows-amd64.zip');
    expect(artifactFileName('{name}_{goos}_{goarch}{variant}', 'app', t('linux/amd64/v3'), 'tar.gz', release)).toBe(
      'app_linux_amd64-v3.tar.gz',
    );
  });

  it("renders the build's version, tag and commit, a nested module's tag with - for /", () => {
    expect(artifactFileName('{name}_{version}_{goos}_{goarch}', 'tool', t('linux/amd64'), 'tar.gz', release)).toBe(
      'tool_1.2.3_linux_amd64.tar.gz',
    );
    expect(artifactFileName('{name}-{tag}-{goos}-{goarch}{ext}', 'tool', t('windows/arm64'), null, release)).toBe(
      'tool-cmd-tool-v1.2.3-windows-arm64.exe',
    );
    expect(renderName('{name}-{commit}', 'tool', t('linux/amd64'), '', release)).toBe(`tool-${'a'.repeat(40)}`);
    expect(templateProblem('{name}_{version}_{goos}_{goarch}')?.problem).toBeUndefined();
    expect(templateProblem('{name}-{date}')?.problem).toContain('unknown placeholder {date}');
  });

  it('chooses archive formats', () => {
    expect(archiveFormat('auto', 'windows')).toBe('zip');
    expect(archiveFormat('auto', 'darwin')).toBe('tar.gz');
    expect(archiveFormat('zip', 'linux')).toBe('zip');
    expect(archiveFormat('none', 'linux')).toBeNull();
  });

  it('checks templates and finds collisions', () => {
    expect(templateProblem('{name}-{os}')?.problem).toContain('unknown placeholder {os}');
    expect(templateProblem('bin/{name}')?.problem).toContain('cannot contain /');
    expect(templateProblem(DEFAULT_ARTIFACT_NAME)?.problem).toBeUndefined();
    expect(
      duplicateNames([
        { name: 'a', who: 'x' },
        { name: 'b', who: 'y' },
        { name: 'a', who: 'z' },
      ]),
    ).toEqual(['a (x, z)']);
  });

  it('gives windows binaries .exe and wasm binaries .wasm, others nothing', () => {
    expect(binaryExt({ goos: 'windows', goarch: 'arm64' })).toBe('.exe');
    expect(binaryExt({ goos: 'wasip1', goarch: 'wasm' })).toBe('.wasm');
    expect(binaryExt({ goos: 'linux', goarch: 'amd64' })).toBe('');
    expect(binaryExt({ goos: 'darwin', goarch: 'arm64' })).toBe('');
  });

  it('finds rendered names that are no plain file of their own in the output directory', () => {
    const named = (...names: string[]) => names.map((name, i) => ({ name, who: `t${i}` }));
    expect(unusableNames(named('app-linux-amd64', '.app', 'a..b', '...tar.gz'))).toEqual([]);
    expect(unusableNames(named('', '.', '..', '...', 'a/b', 'a\\b', 'SHA256SUMS', 'artifacts.json', 'ok'))).toEqual([
      '"" (t0)',
      '"." (t1)',
      '".." (t2)',
      '"..." (t3)',
      '"a/b" (t4)',
      '"a\\\\b" (t5)',
      '"SHA256SUMS" (t6)',
      '"artifacts.json" (t7)',
    ]);
  });

  it('refuses templates that render . or .. and backslashes', () => {
    expect(templateProblem('..')?.problem).toContain('cannot contain /');
    expect(templateProblem('a\\{name}')?.problem).toContain('cannot contain /');
    // A placeholder can still render ".." ({variant} of a target without one): unusableNames catches that.
    expect(templateProblem('{variant}..')?.problem).toBeUndefined();
    expect(templateProblem('{name}{date}')?.problem).toBe(
      'unknown placeholder {date} (known: {name} {goos} {goarch} {variant} {ext} {version} {tag} {commit})',
    );
  });
});

describe('the documented placeholders', () => {
  const action = parse(readFileSync(root('action.yml'), 'utf8')) as { inputs: Record<string, { description: string }> };
  const row = readFileSync(root('docs/reference.md'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('| `artifact-name`'))!;

  it.each(NAME_FIELDS)('{%s} is in action.yml and docs/reference.md', (field) => {
    expect(action.inputs['artifact-name'].description).toContain(`{${field}}`);
    expect(row).toContain(`{${field}}`);
  });
});
