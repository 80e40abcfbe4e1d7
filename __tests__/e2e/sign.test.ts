// The signing step through the bundled action, with Debian's real tools: a windows/amd64 binary
// signed with osslsigncode (Authenticode, a self-signed code-signing certificate made here with
// openssl) before it is archived, summed and described; SHA256SUMS signed with minisign; a failing
// command; and merge replacing a shard's checksum signature with its own.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import { checkout, hasWine, mirroredFixture, newRunner, runAction, runUnderWine, tryRun, type Result } from '../support/fixtures.ts';
import { makeKeys, minisign, osslsign, unzipExe } from '../support/signing.ts';

const { f, pinnedInputs } = await mirroredFixture();

const tools = ['osslsigncode', 'minisign', 'openssl', 'unzip'].filter((t) => tryRun('sh', ['-c', `command -v ${t}`]).status !== 0);
const maybe = tools.length ? describe.skip : describe;
if (tools.length) console.warn(`sign.test.ts skipped: ${tools.join(', ')} not installed (scripts/install-test-deps.sh installs them)`);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const artifactsOf = (r: Result): Artifact[] => JSON.parse(r.outputs.artifacts ?? '[]');

maybe('signing', () => {
  const runner = newRunner();
  let keys: ReturnType<typeof makeKeys>;
  let res: Result;
  let artifacts: Artifact[];
  let exe: string;
  const dist = () => join(runner.workspace, 'dist');

  beforeAll(async () => {
    checkout('hello', runner.workspace);
    keys = makeKeys(join(runner.dir, 'keys'));
    res = await runAction(runner, {
      inputs: pinnedInputs({ targets: 'windows/amd64', sbom: 'cyclonedx', sign: osslsign(keys), 'sign-checksums': minisign(keys) }),
    });
    artifacts = artifactsOf(res);
    exe = unzipExe(join(dist(), 'hello-windows-amd64.zip'), join(runner.dir, 'unzipped'));
  }, 600_000);

  it('publishes the binary signed: osslsigncode verify passes on the exe inside the published zip', () => {
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    expect(artifacts.map((a) => a.name)).toEqual(['hello-windows-amd64.zip']);
    const verify = tryRun('osslsigncode', ['verify', '-CAfile', keys.cert, '-in', exe]);
    expect([verify.status, verify.stdout]).toEqual([0, expect.stringContaining('Signature verification: ok')]);
    expect(res.stdout).toMatch(/\[1\/1\] sign windows\/amd64: ok, [\d.]+ s/);
    expect(res.stdout).toContain('hello.exe replaced by {signed}');
    expect(res.summary).toContain('ok, header and build info checked, signed');
  });

  it('sums, lists and describes the signed bytes: SHA256SUMS, artifacts.json and the SBOM agree with the published files', () => {
    const zip = readFileSync(join(dist(), 'hello-windows-amd64.zip'));
    const [a] = artifacts;
    expect(a.sha256).toBe(sha256(zip));
    expect(readFileSync(join(dist(), 'SHA256SUMS'), 'utf8')).toContain(`${sha256(zip)}  hello-windows-amd64.zip\n`);
    const bom = JSON.parse(readFileSync(join(runner.workspace, a.sbom!.path), 'utf8'));
    const props = Object.fromEntries(bom.metadata.component.properties.map((p: { name: string; value: string }) => [p.name, p.value]));
    expect(props['cdx:gomod:binary:hash:SHA-256']).toBe(sha256(readFileSync(exe)));
    // The signed exe differs from what the build wrote: its certificate table is appended.
    expect(tryRun('osslsigncode', ['extract-signature', '-in', exe, '-out', join(runner.dir, 'sig.der')]).status).toBe(0);
  });

  it("reads the signed binary's build info again, and it still says what the build check read", () => {
    expect(res.stdout).toContain('Build info read again (go version -m): unchanged');
    const info = tryRun(join(f.newer.goroot(), 'bin', 'go'), ['version', '-m', exe], { ...process.env, GOTOOLCHAIN: 'local' });
    expect(info.stdout).toMatch(/build\tGOOS=windows\b/);
  });

  it('signs SHA256SUMS with minisign, and publishes the signature beside it, outside SHA256SUMS and artifacts.json', () => {
    expect(readdirSync(dist()).sort()).toEqual([
      'SHA256SUMS',
      'SHA256SUMS.sig',
      'artifacts.json',
      'hello-windows-amd64.zip',
      'hello-windows-amd64.zip.cdx.json',
    ]);
    const v = tryRun('minisign', ['-V', '-p', keys.pub, '-m', join(dist(), 'SHA256SUMS'), '-x', join(dist(), 'SHA256SUMS.sig')]);
    expect([v.status, v.stdout]).toEqual([0, expect.stringContaining('Signature and comment signature verified')]);
    expect(readFileSync(join(dist(), 'SHA256SUMS'), 'utf8')).not.toContain('SHA256SUMS.sig');
    expect(res.stdout).toMatch(/sign SHA256SUMS: ok \(SHA256SUMS\.sig\)/);
  });

  (hasWine ? it : it.skip)('still runs under wine64 once signed', () => {
    expect(runUnderWine(exe).stdout.replace(/\r\n/g, '\n')).toMatch(/^hello from windows\/amd64 /);
  });

  it("merge drops a shard's checksum signature and signs the merged SHA256SUMS with its own command", async () => {
    const m = newRunner();
    cpSync(dist(), join(m.workspace, 'dist', 'shard-1'), { recursive: true });
    const other = makeKeys(join(m.dir, 'keys'));
    const merged = await runAction(m, { inputs: { mode: 'merge', 'sign-checksums': minisign(other) } });
    expect(merged.errors).toEqual([]);
    const out = join(m.workspace, 'dist');
    expect(readdirSync(out).sort()).toEqual([
      'SHA256SUMS',
      'SHA256SUMS.sig',
      'artifacts.json',
      'hello-windows-amd64.zip',
      'hello-windows-amd64.zip.cdx.json',
    ]);
    expect(merged.stdout).toContain("Dropped the shards' checksum signatures (shard-1/SHA256SUMS.sig)");
    const verify = (pub: string) =>
      tryRun('minisign', ['-V', '-p', pub, '-m', join(out, 'SHA256SUMS'), '-x', join(out, 'SHA256SUMS.sig')]).status;
    expect([verify(other.pub), verify(keys.pub)]).toEqual([0, 1]);
  });
});

maybe('a failing signing command', () => {
  let keys: ReturnType<typeof makeKeys>;
  const runner = newRunner();
  beforeAll(() => {
    checkout('hello', runner.workspace);
    keys = makeKeys(join(runner.dir, 'keys'));
  });

  it('fails the target with one error naming the command and the binary, and writes nothing to output-dir', async () => {
    const sign = osslsign({ cert: keys.cert, key: join(runner.dir, 'keys', 'missing.pem') });
    const res = await runAction(runner, { inputs: pinnedInputs({ targets: 'windows/amd64, windows/386', sign }) });
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(/^::error title=Signing failed::2 of 2 binaries could not be signed: /);
    expect(res.errors[0]).toContain('windows/amd64 hello.exe (the sign command osslsigncode exited with 255');
    expect(res.errors[0]).toContain('windows/386 hello.exe (');
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
    expect(res.summary).toContain('failed: the sign command osslsigncode exited with 255');
  }, 600_000);

  it('fails on a sign-checksums command that fails, with one error, and leaves output-dir as it was', async () => {
    const dist = join(runner.workspace, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'keep.txt'), 'before\n');
    const bad = ['minisign', '-S', '-s', join(runner.dir, 'keys', 'missing.key'), '-m', '{path}'].join('\n');
    const res = await runAction(runner, { inputs: pinnedInputs({ targets: 'linux/amd64', 'sign-checksums': bad }) });
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(/^::error title=Signing the checksums failed::The sign-checksums command minisign exited with \d+/);
    expect(readdirSync(dist)).toEqual(['keep.txt']);
  }, 600_000);
});
