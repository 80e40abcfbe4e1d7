import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { list } from 'tar';
import type { BuildTask } from '../../../src/gobuild/tasks.js';
import { publish } from '../../../src/artifacts/publish.js';
import { ActionError } from '../../../src/errors.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'publish-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function job(goarch: string, artifact: string): BuildTask {
  const binary = join(dir, 'staging', goarch, 'hello');
  mkdirSync(join(binary, '..'), { recursive: true });
  writeFileSync(binary, `binary for ${goarch}`);
  const target = { goos: 'linux', goarch, variant: '', env: {} } as unknown as BuildTask['target'];
  return {
    id: `linux/${goarch}`,
    target,
    pkg: '.',
    name: 'hello',
    binary,
    artifact,
    archive: null,
    files: [],
    gocache: '',
    args: [],
    env: {},
  };
}

const run = (jobs: BuildTask[], out: string) => publish(jobs, out, dir, new Date(0), () => null, '1.24.4', 'SHA256SUMS');

describe('publish', () => {
  it('writes the artifacts, SHA256SUMS and artifacts.json, and leaves no staging behind', async () => {
    const out = join(dir, 'dist');
    const artifacts = await run([job('amd64', 'hello-linux-amd64'), job('arm64', 'hello-linux-arm64')], out);
    expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', 'artifacts.json', 'hello-linux-amd64', 'hello-linux-arm64']);
    expect(artifacts.map((a) => a.path)).toEqual(['dist/hello-linux-amd64', 'dist/hello-linux-arm64']);
    expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toMatch(
      /^[0-9a-f]{64} {2}hello-linux-amd64\n[0-9a-f]{64} {2}hello-linux-arm64\n$/,
    );
  });

  it('moves nothing when an artifact would replace a directory, and keeps what was there', async () => {
    const out = join(dir, 'dist');
    mkdirSync(join(out, 'hello-linux-arm64'), { recursive: true });
    writeFileSync(join(out, 'notes.txt'), 'kept');
    const failing = run([job('amd64', 'hello-linux-amd64'), job('arm64', 'hello-linux-arm64')], out);
    await expect(failing).rejects.toThrow(ActionError);
    await expect(failing).rejects.toThrow(/hello-linux-arm64 is a directory; an artifact cannot replace it/);
    expect(readdirSync(out).sort()).toEqual(['hello-linux-arm64', 'notes.txt']);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('kept');
  });

  it('removes an output-dir it created when publishing fails', async () => {
    const out = join(dir, 'made', 'dist');
    const lost = job('arm64', 'hello-linux-arm64');
    rmSync(lost.binary);
    await expect(run([job('amd64', 'hello-linux-amd64'), lost], out)).rejects.toThrow(/ENOENT/);
    expect(existsSync(join(dir, 'made'))).toBe(false);
  });

  it('says so when output-dir is a file', async () => {
    const out = join(dir, 'dist');
    writeFileSync(out, 'a file');
    await expect(run([job('amd64', 'hello-linux-amd64')], out)).rejects.toThrow(/output-dir .*dist cannot be a directory: EEXIST/);
    expect(readFileSync(out, 'utf8')).toBe('a file');
  });

  it("writes one archive of a target's binaries, artifacts.json listing them, and bare binaries each on its own", async () => {
    const out = join(dir, 'dist');
    const binary = (goarch: string, name: string, archive: BuildTask['archive'], artifact: string): BuildTask => {
      const j = job(goarch, artifact);
      const path = join(dir, 'staging', `${goarch}-${name}`, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, `${name} for ${goarch}`);
      return { ...j, id: `linux/${goarch} ./cmd/${name}`, pkg: `./cmd/${name}`, name, binary: path, archive };
    };
    const artifacts = await run(
      [
        binary('amd64', 'server', 'tar.gz', 'relay-linux-amd64.tar.gz'),
        binary('amd64', 'client', 'tar.gz', 'relay-linux-amd64.tar.gz'),
        binary('arm64', 'server', null, 'server-linux-arm64'),
        binary('arm64', 'client', null, 'client-linux-arm64'),
      ],
      out,
    );
    expect(artifacts.map((a) => [a.name, a.target, a.archive, a.binaries])).toEqual([
      ['relay-linux-amd64.tar.gz', 'linux/amd64', 'tar.gz', ['server', 'client']],
      ['server-linux-arm64', 'linux/arm64', null, ['server-linux-arm64']],
      ['client-linux-arm64', 'linux/arm64', null, ['client-linux-arm64']],
    ]);
    const entries: string[] = [];
    await list({ file: join(out, 'relay-linux-amd64.tar.gz'), onReadEntry: (e) => entries.push(e.path) });
    expect(entries).toEqual(['server', 'client']);
    expect(JSON.parse(readFileSync(join(out, 'artifacts.json'), 'utf8'))).toEqual(artifacts);
    expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8').trim().split('\n')).toHaveLength(3);
  });
});
