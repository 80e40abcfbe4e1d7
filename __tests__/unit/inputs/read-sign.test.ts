import { readInputs, type Inputs } from '../../../src/inputs/read.js';
import { readSign, readSignChecksums } from '../../../src/inputs/read-sign.js';
import { readBuildSpec } from '../../../src/inputs/read-build.js';
import { readMergeSpec } from '../../../src/inputs/read-merge.js';
import { fakeSource, inputError } from '../helpers.js';

const OSSLSIGNCODE = 'osslsigncode\nsign\n-pkcs12\ncert.p12\n-n\nMy App\n-in\n{path}\n-out\n{signed}\n';

describe('readSign', () => {
  it('reads one argument per line, the program first, and no command when unset', () => {
    expect(readSign(fakeSource({ sign: OSSLSIGNCODE }))).toEqual({
      args: ['osslsigncode', 'sign', '-pkcs12', 'cert.p12', '-n', 'My App', '-in', '{path}', '-out', '{signed}'],
      text: OSSLSIGNCODE.trim(),
    });
    expect(readSign(fakeSource({}))).toBeUndefined();
  });

  it("takes every placeholder of a binary, and refuses sign-checksums' own", () => {
    expect(readSign(fakeSource({ sign: 'tool\n{path}\n{signed}\n{target}\n{goos}\n{goarch}\n{name}' }))?.args).toHaveLength(7);
    const e = inputError(() => readSign(fakeSource({ sign: 'tool\n{signature}' })));
    expect([e.input, e.message]).toEqual([
      'sign',
      expect.stringContaining('unknown placeholder {signature} (known: {path} {signed} {target} {goos} {goarch} {name})'),
    ]);
  });
});

describe('readSignChecksums', () => {
  it('takes {path} and {signature}, and refuses a binary placeholder', () => {
    expect(
      readSignChecksums(fakeSource({ 'sign-checksums': 'cosign\nsign-blob\n--yes\n--output-signature\n{signature}\n{path}' }))?.args,
    ).toEqual(['cosign', 'sign-blob', '--yes', '--output-signature', '{signature}', '{path}']);
    expect(inputError(() => readSignChecksums(fakeSource({ 'sign-checksums': 'gpg\n{goos}' }))).message).toContain(
      'unknown placeholder {goos} (known: {path} {signature})',
    );
  });
});

describe('where the signing commands go', () => {
  it('sign in the build spec (plan mode checks it too); sign-checksums in build mode and merge mode only', () => {
    const inputs = { 'go-version': '1.24.4', targets: 'linux/amd64', sign: 'tool\n{path}', 'sign-checksums': 'tool\n{path}' };
    expect(readBuildSpec(fakeSource(inputs), '/runner/work/repo').sign?.args).toEqual(['tool', '{path}']);
    const build = readInputs(fakeSource(inputs)) as Inputs;
    expect([build.build?.sign?.args, build.build?.signChecksums?.args]).toEqual([
      ['tool', '{path}'],
      ['tool', '{path}'],
    ]);
    expect(readMergeSpec(fakeSource({ 'sign-checksums': 'tool\n{signature}' })).signChecksums?.args).toEqual(['tool', '{signature}']);
    expect(readInputs(fakeSource({ ...inputs, mode: 'plan' })).warnings).toEqual([
      'sign-checksums is ignored: plan mode does not read them.',
    ]);
  });
});
