import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  CHECKSUM_FIELDS,
  DEFAULT_ARTIFACT_NAME,
  NAME_FIELDS,
  NAME_PRESETS,
  archiveFormat,
  artifactFileName,
  binaryExt,
  duplicateNames,
  renderChecksumName,
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
    expect(templateProblem('{name}_{goos}', CHECKSUM_FIELDS)?.problem).toBe(
      'unknown placeholder {goos} (known: {name} {version} {tag} {commit})',
    );
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
    // The checksum file's name is judged with checksum-name (names.ts), not here.
    expect(unusableNames(named('', '.', '..', '...', 'a/b', 'a\\b', 'SHA256SUMS', 'artifacts.json', 'ok'))).toEqual([
      '"" (t0)',
      '"." (t1)',
      '".." (t2)',
      '"..." (t3)',
      '"a/b" (t4)',
      '"a\\\\b" (t5)',
      '"artifacts.json" (t7)',
    ]);
  });

  it('refuses templates that render . or .. and backslashes', () => {
    expect(templateProblem('..')?.problem).toContain('cannot contain /');
    expect(templateProblem('a\\{name}')?.problem).toContain('cannot contain /');
    // A placeholder can still render ".." ({variant} of a target without one): unusableNames catches that.
    expect(templateProblem('{variant}..')?.problem).toBeUndefined();
    expect(templateProblem('{name}{date}')?.problem).toBe(
      'unknown placeholder {date} (known: {name} {goos} {goarch} {variant} {ext} {version} {tag} {commit} {Os} {arch} {uname-arch})',
    );
  });
});

// What goreleaser names a project `tool` released from tag v1.2.3, target by target. Sources, all
// goreleaser v2.17.1 (github.com/goreleaser/goreleaser):
// - default archive name_template, internal/pipe/archive/archive.go: `{{ .ProjectName }}_{{ .Version }}_
//   {{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not
//   (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}`; default format tar.gz for every OS; a binary-format
//   archive is that name plus the binary's extension;
// - `goreleaser init`'s name_template, internal/static/config.yaml: `{{ .ProjectName }}_{{ title .Os }}_
//   {{ if eq .Arch "amd64" }}x86_64{{ else if eq .Arch "386" }}i386{{ else }}{{ .Arch }}{{ end }}{{ if
//   .Arm }}v{{ .Arm }}{{ end }}`, tar.gz with a zip override for windows (archive: auto here);
// - default checksum name_template, internal/pipe/checksums/checksums.go: `{{ .ProjectName }}_{{ .Version }}_checksums.txt`;
// - universal binaries, internal/pipe/universalbinary: goos darwin, arch `all`;
// - .Arm is GOARM's level alone (internal/builders/golang/targets.go keeps softfloat/hardfloat in .Abi);
//   GOMIPS defaults to hardfloat, GOAMD64 to v1 (internal/builders/golang/build.go).
// Where this action differs, on purpose: a bare linux/arm is named armv7, what Go builds when
// cross-compiling, where goreleaser's default GOARM is 6 (`linux/arm/6` gives goreleaser's armv6).
const GORELEASER: [target: string, preset: string, init: string][] = [
  ['darwin/amd64', 'tool_1.2.3_darwin_amd64.tar.gz', 'tool_Darwin_x86_64.tar.gz'],
  ['darwin/arm64', 'tool_1.2.3_darwin_arm64.tar.gz', 'tool_Darwin_arm64.tar.gz'],
  ['linux/386', 'tool_1.2.3_linux_386.tar.gz', 'tool_Linux_i386.tar.gz'],
  ['linux/amd64', 'tool_1.2.3_linux_amd64.tar.gz', 'tool_Linux_x86_64.tar.gz'],
  ['linux/arm', 'tool_1.2.3_linux_armv7.tar.gz', 'tool_Linux_armv7.tar.gz'],
  ['linux/arm64', 'tool_1.2.3_linux_arm64.tar.gz', 'tool_Linux_arm64.tar.gz'],
  ['windows/386', 'tool_1.2.3_windows_386.tar.gz', 'tool_Windows_i386.zip'],
  ['windows/amd64', 'tool_1.2.3_windows_amd64.tar.gz', 'tool_Windows_x86_64.zip'],
  ['linux/arm/7', 'tool_1.2.3_linux_armv7.tar.gz', 'tool_Linux_armv7.tar.gz'],
  ['linux/arm/6', 'tool_1.2.3_linux_armv6.tar.gz', 'tool_Linux_armv6.tar.gz'],
  ['linux/arm/7+softfloat', 'tool_1.2.3_linux_armv7.tar.gz', 'tool_Linux_armv7.tar.gz'],
  ['linux/amd64/v3', 'tool_1.2.3_linux_amd64v3.tar.gz', 'tool_Linux_x86_64.tar.gz'],
  ['linux/amd64/v1', 'tool_1.2.3_linux_amd64.tar.gz', 'tool_Linux_x86_64.tar.gz'],
  ['linux/mips', 'tool_1.2.3_linux_mips_hardfloat.tar.gz', 'tool_Linux_mips.tar.gz'],
  ['linux/mips64le/softfloat', 'tool_1.2.3_linux_mips64le_softfloat.tar.gz', 'tool_Linux_mips64le.tar.gz'],
  ['linux/arm64/v8.2', 'tool_1.2.3_linux_arm64.tar.gz', 'tool_Linux_arm64.tar.gz'],
  ['darwin/universal', 'tool_1.2.3_darwin_all.tar.gz', 'tool_Darwin_all.tar.gz'],
];

describe("goreleaser's names", () => {
  const tag = { version: '1.2.3', tag: 'v1.2.3', commit: 'c'.repeat(40) };

  it('covers every first-class port of every recorded Go minor', () => {
    const ports = JSON.parse(readFileSync(root('src/targets/ports.json'), 'utf8')) as {
      minors: Record<string, { ports: { GOOS: string; GOARCH: string; FirstClass: boolean }[] }>;
    };
    const firstClass = Object.values(ports.minors).flatMap((m) => m.ports.filter((p) => p.FirstClass).map((p) => `${p.GOOS}/${p.GOARCH}`));
    expect(firstClass.length).toBeGreaterThan(0);
    expect(GORELEASER.map(([target]) => target)).toEqual(expect.arrayContaining([...new Set(firstClass)]));
  });

  it.each(GORELEASER)('%s: the goreleaser preset gives %s, goreleaser-init %s', (target, preset, init) => {
    expect(artifactFileName(NAME_PRESETS.goreleaser, 'tool', t(target), 'tar.gz', tag)).toBe(preset);
    expect(artifactFileName(NAME_PRESETS['goreleaser-init'], 'tool', t(target), archiveFormat('auto', t(target).goos), tag)).toBe(init);
  });

  it('names bare binaries as a goreleaser binary-format archive: the name and the extension', () => {
    expect(artifactFileName(NAME_PRESETS.goreleaser, 'tool', t('windows/amd64'), null, tag)).toBe('tool_1.2.3_windows_amd64.exe');
    expect(artifactFileName(NAME_PRESETS.goreleaser, 'tool', t('linux/arm64'), null, tag)).toBe('tool_1.2.3_linux_arm64');
  });

  it('expands the presets to ordinary templates of the documented fields', () => {
    expect(NAME_PRESETS).toEqual({ goreleaser: '{name}_{version}_{goos}_{arch}{ext}', 'goreleaser-init': '{name}_{Os}_{uname-arch}{ext}' });
    for (const template of Object.values(NAME_PRESETS)) expect(templateProblem(template)).toBeUndefined();
  });

  it("renders goreleaser's default checksum name, and a nested module's tag with - for /", () => {
    expect(renderChecksumName('{name}_{version}_checksums.txt', 'tool', tag)).toBe('tool_1.2.3_checksums.txt');
    expect(renderChecksumName('{name}-{tag}.sha256', 'tool', release)).toBe('tool-cmd-tool-v1.2.3.sha256');
    expect(renderChecksumName('SHA256SUMS', 'tool', tag)).toBe('SHA256SUMS');
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
