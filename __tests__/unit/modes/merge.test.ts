// Merge mode on real shard outputs, written by the same publish as build mode writes them.
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publish } from '../../../src/artifacts/publish.js';
import { ActionError, InputError } from '../../../src/errors.js';
import { runMerge } from '../../../src/modes/merge.js';
import { CHECKSUM_SIGN_FIELDS, type ChecksumSigner } from '../../../src/artifacts/checksum-signature.js';
import { parseCommand, type CommandTemplate } from '../../../src/lib/command-template.js';
import { recordingLog, t } from '../helpers.js';

const BINARIES = fileURLToPath(new URL('../../fixtures/binaries', import.meta.url));
let workspace: string;
let out: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'merge-'));
  out = join(workspace, 'dist');
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

/** One shard's output, as download-artifact lays it out: its own directory under dist/. */
async function shard(name: string, target: string, binary: string, signer?: ChecksumSigner, checksums = 'SHA256SUMS') {
  const staged = join(workspace, 'staging', name);
  mkdirSync(staged, { recursive: true });
  copyFileSync(join(BINARIES, binary), join(staged, 'app'));
  const artifact = `app-${target.replace(/\//g, '-')}${binary.endsWith('.exe') ? '.exe' : ''}`;
  const built = [{ target: t(target), binary: join(staged, 'app'), artifact, archive: null, files: [] }];
  await publish(
    built,
    name === '.' ? out : join(out, name),
    workspace,
    new Date(1_700_000_000_000),
    () => null,
    '1.24.4',
    checksums,
    signer,
  );
  return artifact;
}
const spec = (targets?: ReturnType<typeof t>[]) => ({ workingDirectory: workspace, outputDir: out, outputText: 'dist', targets });

describe('merge mode', () => {
  it("joins the shards' outputs into one flat set with one SHA256SUMS and artifacts.json", async () => {
    const linux = await shard('shard-1', 'linux/amd64', 'gnu217');
    const windows = await shard('shard-2', 'windows/amd64', 'win.exe');
    const { log, info } = recordingLog();
    const result = await runMerge(spec([t('linux/amd64'), t('windows/amd64')]), workspace, log);
    expect(result.mode).toBe('merge');
    expect(result.artifacts.map((a) => a.name).sort()).toEqual([linux, windows].sort());
    expect(result.checksumsFile).toBe(join(out, 'SHA256SUMS'));
    expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', 'artifacts.json', linux, windows].sort());
    expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8').trim().split('\n')).toHaveLength(2);
    expect(info).toEqual([`Merged 2 artifacts from 2 shards into ${out}`]);
  });

  it("keeps the checksum file's name the shards wrote, untold: the file, the output and the summary", async () => {
    const name = 'app_1.2.3_checksums.txt';
    const linux = await shard('shard-1', 'linux/amd64', 'gnu217', undefined, name);
    const windows = await shard('shard-2', 'windows/amd64', 'win.exe', undefined, name);
    const { log, summary } = recordingLog();
    const result = await runMerge(spec(), workspace, log);
    expect(result.checksumsFile).toBe(join(out, name));
    expect(readdirSync(out).sort()).toEqual([name, 'artifacts.json', linux, windows].sort());
    expect(readFileSync(join(out, name), 'utf8')).toMatch(new RegExp(`^[0-9a-f]{64}  ${linux}\n[0-9a-f]{64}  ${windows}\n$`));
    expect(result.artifacts.map((a) => a.checksums)).toEqual([name, name]);
    expect(JSON.stringify(summary)).toContain(`verified against its shard's ${name}`);
  });

  it('changes nothing when a shard does not check out', async () => {
    const linux = await shard('shard-1', 'linux/amd64', 'gnu217');
    await shard('shard-2', 'windows/amd64', 'win.exe');
    writeFileSync(join(out, 'shard-1', linux), 'tampered');
    const before = readdirSync(out, { recursive: true }).sort();
    const e = (await runMerge(spec(), workspace, recordingLog().log).catch((x: unknown) => x)) as ActionError;
    expect(e).toBeInstanceOf(ActionError);
    expect(e.title).toBe('Merge failed');
    expect(e.message).toContain("The shards' outputs in dist do not merge; nothing was changed");
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(before);
  });

  it('refuses a set that is not the targets the plan named', async () => {
    await shard('shard-1', 'linux/amd64', 'gnu217');
    const e = (await runMerge(spec([t('linux/amd64'), t('linux/arm64')]), workspace, recordingLog().log).catch(
      (x: unknown) => x,
    )) as ActionError;
    expect(e.title).toBe('Merge failed');
    expect(e.message).toContain('linux/arm64');
  });

  it('says what to do when there is nothing to merge', async () => {
    const missing = (await runMerge(spec(), workspace, recordingLog().log).catch((x: unknown) => x)) as ActionError;
    expect(missing.title).toBe('Nothing to merge');
    expect(missing.message).toContain("download the shards' artifacts there first (actions/download-artifact with path: dist)");
    mkdirSync(out);
    const empty = (await runMerge(spec(), workspace, recordingLog().log).catch((x: unknown) => x)) as ActionError;
    expect(empty.message).toBe(`output-dir dist (${out}) holds no shard output (no artifacts.json).`);
    expect(existsSync(join(out, 'SHA256SUMS'))).toBe(false);
  });

  describe('with sign-checksums', () => {
    /** A stand-in signer: SHA256SUMS.sig holds `mark` and the SHA-256 of the file it signs. */
    const signer = (mark: string, exit = 0): ChecksumSigner => {
      const program = join(workspace, `sign-${mark}`);
      writeFileSync(
        program,
        `#!/bin/sh\n[ ${exit} = 0 ] || { echo refused >&2; exit ${exit}; }\necho ${mark} $(sha256sum < "$1") > "$2"\n`,
      );
      chmodSync(program, 0o755);
      const command = parseCommand(`sign-${mark}\n{path}\n{signature}`, CHECKSUM_SIGN_FIELDS) as CommandTemplate;
      return { command, program, cwd: workspace, env: process.env, log: recordingLog().log };
    };
    const sums = () =>
      createHash('sha256')
        .update(readFileSync(join(out, 'SHA256SUMS')))
        .digest('hex');
    const withSigner = (mark: string, exit = 0) => ({ ...spec(), signChecksums: signer(mark, exit).command });
    const runner = () => ({
      env: { ...process.env, PATH: `${workspace}:${process.env.PATH}` },
      pathSep: ':',
      host: { goos: 'linux', goarch: 'amd64' },
    });

    it("drops a flat shard's signature and signs the merged checksum file with its own command", async () => {
      const linux = await shard('.', 'linux/amd64', 'gnu217', signer('shard'));
      expect(readdirSync(out)).toContain('SHA256SUMS.sig');
      const windows = await shard('shard-2', 'windows/amd64', 'win.exe', signer('shard'));
      const { log, info } = recordingLog();
      await runMerge(withSigner('merge'), workspace, log, runner());
      expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', 'SHA256SUMS.sig', 'artifacts.json', linux, windows].sort());
      expect(readFileSync(join(out, 'SHA256SUMS.sig'), 'utf8')).toBe(`merge ${sums()} -\n`);
      expect(info[0]).toBe(
        "Dropped the shards' checksum signatures (SHA256SUMS.sig, shard-2/SHA256SUMS.sig): they sign each shard's own SHA256SUMS",
      );
    });

    it('drops them without a command of its own too, and says how to sign the merged file', async () => {
      await shard('shard-1', 'linux/amd64', 'gnu217', signer('shard'));
      await shard('.', 'windows/amd64', 'win.exe', signer('shard'));
      const { log, info } = recordingLog();
      await runMerge(spec(), workspace, log);
      expect(readdirSync(out)).not.toContain('SHA256SUMS.sig');
      expect(info[0]).toContain('sign-checksums in merge mode signs the merged one');
    });

    it('changes nothing when its command fails', async () => {
      await shard('.', 'linux/amd64', 'gnu217', signer('shard'));
      await shard('shard-2', 'windows/amd64', 'win.exe');
      const before = readdirSync(out, { recursive: true }).sort();
      const sig = readFileSync(join(out, 'SHA256SUMS.sig'), 'utf8');
      const e = (await runMerge(withSigner('broken', 3), workspace, recordingLog().log, runner()).catch((x: unknown) => x)) as ActionError;
      expect([e.title, e.message]).toEqual([
        'Signing the checksums failed',
        expect.stringContaining('The sign-checksums command sign-broken exited with 3: refused.'),
      ]);
      expect(readdirSync(out, { recursive: true }).sort()).toEqual(before);
      expect(readFileSync(join(out, 'SHA256SUMS.sig'), 'utf8')).toBe(sig);
    });

    it('refuses a program that is not on PATH before it reads the shards', async () => {
      const e = (await runMerge(withSigner('absent'), workspace, recordingLog().log, { ...runner(), env: { PATH: '/nonexistent' } }).catch(
        (x: unknown) => x,
      )) as InputError;
      expect(e).toBeInstanceOf(InputError);
      expect(e.message).toContain('sign-absent was not found on PATH');
    });
  });
});
