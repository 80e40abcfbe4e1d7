import { chmodSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun, ProcessError, run, start } from '../../../src/lib/process.js';

// Real processes: this very node, given a script with -e.
const node = process.execPath;
const js = (code: string, ...args: string[]) => [node, ['-e', code, ...args]] as const;

let dir: string;
beforeEach(() => (dir = realpathSync(mkdtempSync(join(tmpdir(), 'process-')))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('run', () => {
  it('passes each argument verbatim, never through a shell', async () => {
    const args = ['a b', `it's "quoted"`, '$HOME', 'x; rm -rf /', '`id`', '*', '', 'ü\\n'];
    const r = await run(...js('process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...args));
    expect(r.ok).toBe(true);
    expect(JSON.parse(r.stdout)).toEqual(args);
  });

  it('reports the exit code and captures stderr apart from stdout, and both interleaved', async () => {
    const r = await run(
      ...js(
        `process.stdout.write('1\\n'); process.stderr.write('2\\n'); setTimeout(() => { process.stdout.write('3\\n'); process.exit(3); }, 50);`,
      ),
    );
    expect(r).toMatchObject({ ok: false, exitCode: 3, signal: null, timedOut: false, started: true, failure: 'exited with 3' });
    expect(r.stdout).toBe('1\n3\n');
    expect(r.stderr).toBe('2\n');
    expect(r.output.split('\n').sort()).toEqual(['', '1', '2', '3']);
    expect(r.output.endsWith('3\n')).toBe(true);
    expect(r.command).toMatch(/ -e '.*'$/);
  });

  it('succeeds on exit 0 only', async () => {
    const r = await run(...js('process.stdout.write("ok")'));
    expect(r).toMatchObject({ ok: true, exitCode: 0, failure: undefined, stdout: 'ok' });
  });

  it('writes input to stdin and closes it; without input stdin is empty', async () => {
    const echo = 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => process.stdout.write(s.toUpperCase()))';
    expect((await run(...js(echo), { input: 'hello\nworld' })).stdout).toBe('HELLO\nWORLD');
    expect((await run(...js(echo))).stdout).toBe('');
    // A process that ignores its input is no error.
    expect((await run(...js('process.exit(0)'), { input: 'x'.repeat(1 << 20) })).ok).toBe(true);
  });

  it('runs with the environment given (not merged) and in the working directory given', async () => {
    const r = await run(...js('process.stdout.write(JSON.stringify([process.cwd(), process.env.ONLY, process.env.HOME ?? null]))'), {
      cwd: dir,
      env: { ONLY: 'this' },
    });
    expect(JSON.parse(r.stdout)).toEqual([dir, 'this', null]);
    // Without env, the runner's environment is inherited (jest's process.env is a copy: PATH is in both).
    expect((await run(...js('process.stdout.write(process.env.PATH)'))).stdout).toBe(process.env.PATH);
  });

  it('kills a process that outlives its timeout, and says so', async () => {
    const began = Date.now();
    const r = await run(...js('process.stdout.write("started\\n"); setTimeout(() => {}, 60000)'), { timeoutMs: 300 });
    expect(Date.now() - began).toBeLessThan(5000);
    expect(r).toMatchObject({ ok: false, timedOut: true, exitCode: null, signal: 'SIGTERM', failure: 'timed out after 0.3 s' });
    expect(r.stdout).toBe('started\n');
  });

  it('does not wait for a grandchild that holds the pipes of a process killed on timeout', async () => {
    const script = join(dir, 'spawns.sh');
    writeFileSync(script, '#!/bin/sh\nsleep 30 &\nsleep 30\n');
    chmodSync(script, 0o755);
    const began = Date.now();
    const r = await run(script, [], { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(Date.now() - began).toBeLessThan(5000);
  });

  it('says which file was not found, or which working directory', async () => {
    const missing = join(dir, 'no-such-program');
    const r = await run(missing, ['x']);
    expect(r).toMatchObject({
      ok: false,
      started: false,
      exitCode: null,
      failure: `could not be started: ${missing} was not found (ENOENT)`,
    });
    expect((await run('no-such-program-on-path', [])).failure).toBe('could not be started: no-such-program-on-path was not found (ENOENT)');
    const gone = join(dir, 'gone');
    expect((await run(node, ['-e', ''], { cwd: gone })).failure).toBe(`could not be started: its working directory ${gone} does not exist`);
  });

  it('refuses a file that is not executable', async () => {
    const script = join(dir, 'plain.sh');
    writeFileSync(script, '#!/bin/sh\necho hi\n');
    const r = await run(script, []);
    expect(r.ok).toBe(false);
    expect(r.started).toBe(false);
    expect(r.failure).toMatch(/^could not be started: .*EACCES/);
  });

  it('hands each line to onLine as it arrives, the last one too', async () => {
    const lines: string[] = [];
    await run(
      ...js('process.stdout.write("a\\nb"); process.stderr.write("e\\r\\n"); setTimeout(() => process.stdout.write("c\\nd"), 50)'),
      {
        onLine: (line, stream) => lines.push(`${stream}:${line}`),
      },
    );
    expect(lines.filter((l) => l.startsWith('stdout:'))).toEqual(['stdout:a', 'stdout:bc', 'stdout:d']);
    expect(lines).toContain('stderr:e');
  });

  it('decodes a character split between chunks whole', async () => {
    const r = await run(
      ...js(
        'const b = Buffer.from("ü"); process.stdout.write(b.subarray(0, 1)); setTimeout(() => process.stdout.write(b.subarray(1)), 50)',
      ),
    );
    expect(r.stdout).toBe('ü');
  });
});

describe('mustRun', () => {
  it('returns the result, or throws naming the command, why and what it said', async () => {
    expect((await mustRun(...js('process.stdout.write("fine")'))).stdout).toBe('fine');
    const e = await mustRun(...js('console.error("went wrong"); process.exit(2)')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProcessError);
    expect((e as ProcessError).message).toMatch(/ -e '.*' exited with 2: went wrong$/);
    expect((e as ProcessError).ran.exitCode).toBe(2);
  });
});

describe('start', () => {
  it('streams stdin in and stdout out as bytes, and can kill', async () => {
    const p = start(...js('process.stdin.pipe(process.stdout)'), { pipeStdin: true, streamStdout: true });
    const chunks: Buffer[] = [];
    p.stdout!.on('data', (c: Buffer) => chunks.push(c));
    p.stdin!.end(Buffer.from([0, 255, 1]));
    const r = await p.done;
    expect(r.ok).toBe(true);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from([0, 255, 1]));
    expect(r.stdout).toBe(''); // streamed, not captured

    const sleeper = start(...js('setTimeout(() => {}, 60000)'));
    sleeper.kill();
    expect(await sleeper.done).toMatchObject({ ok: false, signal: 'SIGTERM', failure: 'was killed by SIGTERM', timedOut: false });
  });

  it('gives the caller streams that end even when the program is missing', async () => {
    const p = start(join(dir, 'missing'), [], { pipeStdin: true, streamStdout: true });
    p.stdin!.write('ignored');
    p.stdin!.end();
    p.stdout!.resume();
    expect((await p.done).started).toBe(false);
  });
});
