// The signing step with stand-in signing programs (small shell scripts) on real Go binaries: in
// place, through {signed}, failing, and breaking what the checks read.
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildInfo } from '../../../src/binaries/buildinfo.js';
import { ActionError } from '../../../src/errors.js';
import { buildSummary } from '../../../src/gobuild/present.js';
import type { BuildResult } from '../../../src/gobuild/run.js';
import {
  buildInfoKept,
  findSigningProgram,
  refuseFailedSigning,
  signBuilds,
  signedPath,
  signValues,
  SIGN_FIELDS,
  type SignOptions,
} from '../../../src/gobuild/sign.js';
import type { BuildTask } from '../../../src/gobuild/tasks.js';
import { parseCommand, type CommandTemplate } from '../../../src/lib/command-template.js';
import type { Problem } from '../../../src/lib/problem.js';
import { recordingLog, t } from '../helpers.js';

const BINARIES = fileURLToPath(new URL('../../fixtures/binaries', import.meta.url));
const INFO: BuildInfo = { goVersion: 'go1.24.4', path: 'example.com/hello', settings: [{ key: 'GOOS', value: 'windows' }] } as BuildInfo;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sign-'));
  mkdirSync(join(dir, 'bin'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in signing program in dir/bin. */
function tool(name: string, script: string): string {
  const path = join(dir, 'bin', name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A checked build of `fixture` for `target`, its binary in its own staging directory. */
function built(target: string, fixture: string, info: BuildInfo | null = INFO): BuildResult {
  const exe = fixture.endsWith('.exe') ? '.exe' : '';
  const binary = join(dir, 'staging', target.replace(/\//g, '-'), `hello${exe}`);
  mkdirSync(join(binary, '..'), { recursive: true });
  copyFileSync(join(BINARIES, fixture), binary);
  chmodSync(binary, 0o755);
  return {
    task: { id: target, target: t(target), name: 'hello', binary, artifact: `hello-${target.replace(/\//g, '-')}${exe}` } as BuildTask,
    status: 'ok',
    seconds: 2,
    prepareLog: '',
    built: true,
    log: '',
    checked: true,
    ...(info ? { verified: { problems: [], notes: [], compared: [], info, seconds: 0 } } : {}),
  };
}

const command = (text: string) => parseCommand(text, SIGN_FIELDS) as CommandTemplate;

function options(c: string, over: Partial<SignOptions> = {}): SignOptions & { log: ReturnType<typeof recordingLog> } {
  const rec = recordingLog();
  const cmd = command(c);
  return {
    command: cmd,
    program: join(dir, 'bin', cmd.args[0]),
    cwd: dir,
    env: { PATH: '/usr/bin:/bin' },
    parallel: 2,
    readInfo: async () => INFO,
    ...over,
    log: rec.log,
    recorded: rec,
  } as unknown as SignOptions & { log: ReturnType<typeof recordingLog> };
}

describe('signBuilds', () => {
  it('runs the command once per binary with its placeholders filled, signing in place', async () => {
    tool('inplace', '{ printf "%s|" "$@"; echo; } >> "$(dirname "$0")/calls"; printf SIGNED >> "$2"');
    const results = [built('windows/amd64', 'win.exe'), built('windows/386', 'win386.exe')];
    const before = results.map((r) => readFileSync(r.task.binary));
    const o = options('inplace\n--in\n{path}\n{target}\n{goos}\n{goarch}\n{name}');
    const out = await signBuilds({ results }, o);
    expect(out.results.map((r) => [r.status, r.signed])).toEqual([
      ['ok', true],
      ['ok', true],
    ]);
    for (const [i, r] of results.entries()) expect(readFileSync(r.task.binary)).toEqual(Buffer.concat([before[i], Buffer.from('SIGNED')]));
    const calls = readFileSync(join(dir, 'bin', 'calls'), 'utf8')
      .trim()
      .split('\n')
      .sort();
    expect(calls).toEqual(
      [
        `--in|${results[1].task.binary}|windows/386|windows|386|hello|`,
        `--in|${results[0].task.binary}|windows/amd64|windows|amd64|hello|`,
      ].sort(),
    );
    const sections = (o as unknown as { recorded: ReturnType<typeof recordingLog> }).recorded.sections;
    expect(sections.map((s) => s.name.replace(/^\[\d/, '[n').replace(/[\d.]+ s$/, 'N s')).sort()).toEqual([
      '[n/2] sign windows/386: ok, N s',
      '[n/2] sign windows/amd64: ok, N s',
    ]);
    expect(sections[0].lines).toContain('Build info read again (go version -m): unchanged');
  });

  it('puts what the command wrote to {signed} in the binary’s place, with the binary’s mode', async () => {
    tool('outsign', 'cp "$1" "$2" && printf SIGNED >> "$2" && chmod 644 "$2"');
    const r = built('windows/amd64', 'win.exe');
    const before = readFileSync(r.task.binary);
    const out = await signBuilds({ results: [r] }, options('outsign\n{path}\n{signed}'));
    expect(out.results[0].status).toBe('ok');
    expect(readFileSync(r.task.binary)).toEqual(Buffer.concat([before, Buffer.from('SIGNED')]));
    expect(statSync(r.task.binary).mode & 0o777).toBe(0o755);
    expect(existsSync(signedPath(r.task.binary))).toBe(false);
  });

  it('fails a binary whose command fails, naming the program and what it said, and leaves the others signed', async () => {
    tool('picky', 'case "$1" in *386*) echo "cannot open key" >&2; exit 3;; esac; printf SIGNED >> "$1"');
    const results = [built('windows/amd64', 'win.exe'), built('windows/386', 'win386.exe')];
    const out = await signBuilds({ results }, options('picky\n{path}'));
    expect(out.results.map((r) => [r.task.id, r.status, r.reason])).toEqual([
      ['windows/amd64', 'ok', undefined],
      ['windows/386', 'failed', 'the sign command picky exited with 3: cannot open key'],
    ]);
    expect(JSON.stringify(buildSummary(out.results, [], '1.24.4', () => ({ hit: null, cell: 'off' })))).toContain(
      'ok, header and build info checked, signed',
    );
  });

  it('fails a binary the command left unrecognisable, or whose build info it destroyed', async () => {
    tool('wreck', 'printf garbage > "$1"');
    const wrecked = await signBuilds({ results: [built('windows/amd64', 'win.exe')] }, options('wreck\n{path}'));
    expect(wrecked.results[0].reason).toMatch(/^after the sign command, binary check: /);

    tool('nop', 'true');
    const lost: Problem = { problem: 'could not read the build info with go version -m: hello.exe: not a Go executable' };
    const unread = await signBuilds(
      { results: [built('windows/amd64', 'win.exe')] },
      options('nop\n{path}', { readInfo: async () => lost }),
    );
    expect(unread.results[0].reason).toBe(
      'the sign command nop: signing left a binary whose build info cannot be read (could not read the build info with go version -m: hello.exe: not a Go executable)',
    );
  });

  it('leaves failed builds alone, and reads no build info of a binary whose build info was never read (wasm)', async () => {
    tool('count', 'echo x >> "$(dirname "$0")/runs"');
    const failed: BuildResult = { ...built('linux/amd64', 'gnu217'), status: 'failed', reason: 'go build exited with 1' };
    let reads = 0;
    const out = await signBuilds(
      { results: [failed, built('windows/amd64', 'win.exe', null)] },
      options('count\n{path}', { readInfo: async () => (reads++, INFO) }),
    );
    expect(out.results.map((r) => r.status)).toEqual(['failed', 'ok']);
    expect(readFileSync(join(dir, 'bin', 'runs'), 'utf8')).toBe('x\n');
    expect(reads).toBe(0);
  });
});

describe('buildInfoKept', () => {
  it('accepts the same build info, and says what is wrong otherwise', () => {
    expect(buildInfoKept(INFO, JSON.parse(JSON.stringify(INFO)))).toBeUndefined();
    expect(buildInfoKept(INFO, { ...INFO, path: 'example.com/other' })).toBe('signing changed the build info go version -m reads');
    expect(buildInfoKept(INFO, { problem: 'x' })).toBe('signing left a binary whose build info cannot be read (x)');
  });
});

describe('signValues', () => {
  it("fills {signed} beside the binary under its own name, and the target's fields", () => {
    expect(signValues('/s/windows-amd64/hello.exe', t('windows/amd64'), 'hello')).toEqual({
      path: '/s/windows-amd64/hello.exe',
      signed: '/s/windows-amd64/signed/hello.exe',
      target: 'windows/amd64',
      goos: 'windows',
      goarch: 'amd64',
      name: 'hello',
    });
    expect(signValues('/s/linux-arm-7/hello', t('linux/arm/7'), 'hello').target).toBe('linux/arm/7');
  });
});

describe('findSigningProgram', () => {
  it('finds the program on PATH or relative to working-directory, or names the input', () => {
    const signer = tool('signer', 'true');
    expect(findSigningProgram('sign', command('signer\n{path}'), '/', { PATH: join(dir, 'bin') }, ':', false)).toBe(signer);
    expect(findSigningProgram('sign', command('./bin/signer\n{path}'), dir, {}, ':', false)).toBe(signer);
    expect(findSigningProgram('sign', command('quill\nsign\n{path}'), dir, { PATH: join(dir, 'bin') }, ':', false)).toEqual({
      input: 'sign',
      value: 'quill\nsign\n{path}',
      problem: 'quill was not found on PATH, so the command could not run',
      allowed: expect.stringContaining("a program on the job's PATH"),
    });
    expect(findSigningProgram('sign-checksums', command('./sign.sh'), dir, {}, ':', false)).toMatchObject({
      input: 'sign-checksums',
      problem: `no executable file ${join(dir, 'sign.sh')}, so the command could not run`,
    });
  });
});

describe('refuseFailedSigning', () => {
  it('lets a run where every binary was signed go on', () => {
    const { log, summary } = recordingLog();
    refuseFailedSigning({ results: [built('windows/amd64', 'win.exe')] }, '1.24.4', () => ({ hit: null, cell: 'off' }), '/w/dist', log);
    expect(summary).toEqual([]);
  });

  it('names each binary that could not be signed in one error, and summarizes every build', () => {
    const ok = built('windows/amd64', 'win.exe');
    const bad: BuildResult = {
      ...built('windows/386', 'win386.exe'),
      status: 'failed',
      reason: 'the sign command picky exited with 3: no key',
    };
    const { log, summary } = recordingLog();
    const e = (() => {
      try {
        refuseFailedSigning({ results: [ok, bad] }, '1.24.4', () => ({ hit: null, cell: 'off' }), '/w/dist', log);
      } catch (x) {
        return x as ActionError;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(ActionError);
    expect([e!.title, e!.message]).toEqual([
      'Signing failed',
      "1 of 2 binaries could not be signed: windows/386 hello.exe (the sign command picky exited with 3: no key). Nothing was written to /w/dist; see each binary's sign log group.",
    ]);
    expect(JSON.stringify(summary)).toContain('failed: the sign command picky exited with 3: no key');
  });
});
