// sign-checksums with stand-in signing programs (shell scripts) in a staging directory.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHECKSUM_SIGN_FIELDS,
  isChecksumSignature,
  signChecksums,
  writtenBeside,
  type ChecksumSigner,
} from '../../../src/artifacts/checksum-signature.js';
import { ActionError } from '../../../src/errors.js';
import { parseCommand, type CommandTemplate } from '../../../src/lib/command-template.js';
import { recordingLog } from '../helpers.js';

let dir: string;
let staging: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sign-sums-'));
  staging = join(dir, 'staging');
  mkdirSync(staging);
  writeFileSync(join(staging, 'SHA256SUMS'), `${'a'.repeat(64)}  app.tar.gz\n`);
  writeFileSync(join(staging, 'app.tar.gz'), 'archive');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function signer(script: string, text: string): ChecksumSigner & { rec: ReturnType<typeof recordingLog> } {
  const program = join(dir, 'signer');
  writeFileSync(program, `#!/bin/sh\n${script}\n`);
  chmodSync(program, 0o755);
  const rec = recordingLog();
  return {
    command: parseCommand(text, CHECKSUM_SIGN_FIELDS) as CommandTemplate,
    program,
    cwd: dir,
    env: { PATH: '/usr/bin:/bin' },
    log: rec.log,
    rec,
  };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as ActionError,
  );

describe('signChecksums', () => {
  it('runs once on the checksum file and returns what it wrote beside it, {signature} and others', async () => {
    const s = signer('printf sig > "$2"; printf cert > "$1.pem"; echo signed "$1"', 'signer\n{path}\n{signature}');
    expect(await signChecksums(staging, 'SHA256SUMS', s)).toEqual(['SHA256SUMS.pem', 'SHA256SUMS.sig']);
    expect(s.rec.sections).toEqual([
      {
        name: expect.stringMatching(/^sign SHA256SUMS: ok \(SHA256SUMS\.pem, SHA256SUMS\.sig\), [\d.]+ s$/),
        lines: [`${s.program} ${join(staging, 'SHA256SUMS')} ${join(staging, 'SHA256SUMS')}.sig`, `signed ${join(staging, 'SHA256SUMS')}`],
      },
    ]);
  });

  it('refuses a command that fails, naming it and the end of what it said', async () => {
    const e = await failure(signChecksums(staging, 'SHA256SUMS', signer('echo "no key" >&2; exit 2', 'signer\n{path}')));
    expect(e).toBeInstanceOf(ActionError);
    expect([e!.title, e!.message]).toEqual([
      'Signing the checksums failed',
      'The sign-checksums command signer exited with 2: no key. Nothing was written to output-dir; see the sign SHA256SUMS log group.',
    ]);
  });

  it('refuses a command that changed the checksum file, or wrote a file not named after it', async () => {
    const changed = await failure(signChecksums(staging, 'SHA256SUMS', signer('echo "# signed" >> "$1"', 'signer\n{path}')));
    expect(changed!.message).toContain('The sign-checksums command signer changed SHA256SUMS: a signature goes in a file of its own');
    writeFileSync(join(staging, 'SHA256SUMS'), `${'a'.repeat(64)}  app.tar.gz\n`);
    const stray = await failure(
      signChecksums(staging, 'SHA256SUMS', signer('printf sig > "$(dirname "$1")/signature.asc"', 'signer\n{path}')),
    );
    expect(stray!.message).toContain(
      'wrote signature.asc beside SHA256SUMS: what it writes there is published with it, and must be named SHA256SUMS.SUFFIX',
    );
  });

  it('refuses a command given {signature} that wrote nothing there (cosign 3 ignores --output-signature)', async () => {
    const e = await failure(
      signChecksums(staging, 'SHA256SUMS', signer('printf b > "$1.sigstore.json"', 'signer\n{path}\n--output-signature\n{signature}')),
    );
    expect(e!.message).toContain('The sign-checksums command signer was given {signature} (SHA256SUMS.sig) and wrote nothing there');
  });

  it('returns nothing for a command that wrote nothing beside the checksum file', async () => {
    expect(await signChecksums(staging, 'SHA256SUMS', signer('true', 'signer\n{path}'))).toEqual([]);
    expect(readdirSync(staging).sort()).toEqual(['SHA256SUMS', 'app.tar.gz']);
  });
});

describe('isChecksumSignature and writtenBeside', () => {
  it('takes a file named after the checksum file with a suffix, and nothing else', () => {
    expect(['SHA256SUMS.sig', 'SHA256SUMS.pem', 'SHA256SUMS.minisig'].every((n) => isChecksumSignature(n, 'SHA256SUMS'))).toBe(true);
    expect(['SHA256SUMS', 'SHA256SUMS.', 'SHA256SUMSsig', 'app.sig'].some((n) => isChecksumSignature(n, 'SHA256SUMS'))).toBe(false);
    expect(isChecksumSignature('app_1.0_checksums.txt.sig', 'app_1.0_checksums.txt')).toBe(true);
  });

  it('lists the files added, sorted, or the ones that may not be published', () => {
    expect(writtenBeside(['SHA256SUMS', 'a'], ['a', 'SHA256SUMS.sig', 'SHA256SUMS', 'SHA256SUMS.pem'], 'SHA256SUMS')).toEqual([
      'SHA256SUMS.pem',
      'SHA256SUMS.sig',
    ]);
    expect(writtenBeside(['SHA256SUMS'], ['SHA256SUMS', 'SHA256SUMS.sig', 'key.pub'], 'SHA256SUMS')).toEqual({ stray: ['key.pub'] });
  });
});
