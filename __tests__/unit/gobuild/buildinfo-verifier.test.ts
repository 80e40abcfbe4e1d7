import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInfoVerifier, gitHead, type Checkable, type VerifyOptions } from '../../../src/gobuild/buildinfo-verifier.js';
import { t } from '../helpers.js';

/**
 * A stand-in `go`: records each call with the variables that matter in $FAKE_LOG; `go version -m
 * [-json] BINARY` prints BINARY.info, or fails as Go does without one; `go env GOENV` prints
 * $FAKE_GOENV; `go env KEY` prints $FAKE_DEFAULT (fails when it is empty).
 */
const FAKE_GO = `#!/bin/sh
echo "$* | GOARCH=\${GOARCH-unset} GOENV=\${GOENV-unset} GOAMD64=\${GOAMD64-unset} GOFLAGS=\${GOFLAGS-unset} | $(pwd)" >> "$FAKE_LOG"
case "$1 $2" in
  "env GOENV") echo "$FAKE_GOENV" ;;
  "env "*) [ -n "$FAKE_DEFAULT" ] || exit 1; echo "$FAKE_DEFAULT" ;;
  "version -m")
    for bin; do :; done
    if [ -f "$bin.info" ]; then cat "$bin.info"; else echo "$bin: could not read Go build info from $bin: unrecognized file format" >&2; exit 1; fi ;;
esac
`;

const HEAD = 'f1f42fbb1c5624101144be4fd6619f0ce844fd84';

/** What go version -m prints of a binary built by Go 1.24.4 with -trimpath, no cgo, in a git checkout. */
function infoText(binary: string, over: Record<string, string | undefined> = {}, go = 'go1.24.4'): string {
  const settings: Record<string, string | undefined> = {
    '-buildmode': 'exe',
    '-compiler': 'gc',
    '-trimpath': 'true',
    CGO_ENABLED: '0',
    GOARCH: 'amd64',
    GOOS: 'linux',
    GOAMD64: 'v1',
    vcs: 'git',
    'vcs.revision': HEAD,
    'vcs.time': '2024-05-01T10:00:00Z',
    'vcs.modified': 'false',
    ...over,
  };
  const lines = Object.entries(settings)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `\tbuild\t${k}=${v}`);
  return [`${binary}: ${go}`, '\tpath\texample.com/app', '\tmod\texample.com/app\t(devel)', ...lines, ''].join('\n');
}

describe('buildInfoVerifier', () => {
  let base: string;
  let log: string;
  let env: Record<string, string>;
  let o: VerifyOptions;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'gcb-verifier-'));
    log = join(base, 'go-calls');
    const go = join(base, 'go');
    writeFileSync(go, FAKE_GO);
    chmodSync(go, 0o755);
    mkdirSync(join(base, 'module'));
    env = { PATH: '/usr/bin:/bin', FAKE_LOG: log, FAKE_DEFAULT: 'v1', FAKE_GOENV: join(base, 'no-goenv') };
    o = {
      go,
      env: { ...env, GOFLAGS: '-json', GOAMD64: 'v4' },
      goVersion: '1.24.4',
      trimpath: true,
      cgo: false,
      cleanTree: { required: true, why: 'allow-dirty: false' },
      head: HEAD,
      workingDirectory: join(base, 'module'),
      generatedInCheckout: false,
    };
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  /** A built binary of `target` whose build info go version -m prints as `text` (none: unreadable). */
  const built = (target: string, text?: (binary: string) => string): Checkable => {
    const binary = join(base, 'staging', target.replaceAll('/', '-'), 'app');
    mkdirSync(join(binary, '..'), { recursive: true });
    writeFileSync(binary, 'not really a binary');
    if (text) writeFileSync(`${binary}.info`, text(binary));
    return { target: t(target), binary, env: { ...env, GOOS: 'linux', GOARCH: t(target).goarch } };
  };
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);

  it("passes a binary whose build info says what was asked, reading the variant's default once per GOARCH", async () => {
    const verify = buildInfoVerifier(o);
    const a = built('linux/amd64', (b) => infoText(b));
    const b = built('linux/amd64', (bin) => infoText(bin));
    const [va, vb] = await Promise.all([verify(a), verify(b)]);
    expect(va).toEqual({
      problems: [],
      notes: [],
      compared: ['Go version', 'GOOS', 'GOARCH', 'GOAMD64', '-trimpath', 'CGO_ENABLED', 'vcs.revision', 'vcs.modified'],
      info: expect.objectContaining({ goVersion: 'go1.24.4', path: 'example.com/app' }) as unknown,
      seconds: expect.any(Number) as unknown,
    });
    expect(vb.problems).toEqual([]);
    // go version without the job's GOFLAGS (-json would change what it prints), in the binary's
    // directory; the default with no GOENV file and none of the job's variant variables.
    expect(calls().sort()).toEqual([
      `env GOAMD64 | GOARCH=amd64 GOENV=off GOAMD64=unset GOFLAGS=unset | ${join(base, 'module')}`,
      `version -m ${a.binary} | GOARCH=unset GOENV=unset GOAMD64=v4 GOFLAGS=unset | ${join(a.binary, '..')}`,
      `version -m ${b.binary} | GOARCH=unset GOENV=unset GOAMD64=v4 GOFLAGS=unset | ${join(b.binary, '..')}`,
    ]);
  });

  it('asks for JSON from Go 1.25 on, and reads it', async () => {
    const json = JSON.stringify({
      GoVersion: 'go1.25.0',
      Path: 'example.com/app',
      Main: { Path: 'example.com/app', Version: '(devel)' },
      Settings: [
        { Key: 'GOOS', Value: 'linux' },
        { Key: 'GOARCH', Value: 'arm64' },
        { Key: 'GOARM64', Value: 'v8.0' },
        { Key: 'CGO_ENABLED', Value: '0' },
      ],
    });
    const v = await buildInfoVerifier({ ...o, goVersion: '1.25.0', trimpath: false, env: { ...env, FAKE_DEFAULT: 'v8.0' } })(
      built('linux/arm64', () => json),
    );
    expect(v.problems).toEqual([]);
    expect(v.notes).toEqual(['no VCS stamp (built outside a git checkout, or with -buildvcs=false): revision and changes not checked']);
    expect(calls()[0]).toMatch(/^version -m -json /);
  });

  it('fails a variant that is not the toolchain default, naming the GOENV file that set it', async () => {
    const goenv = join(base, 'goenv');
    writeFileSync(goenv, 'GOPRIVATE=example.com\nGOAMD64=v3\n');
    const task = built('linux/amd64', (b) => infoText(b, { GOAMD64: 'v3' }));
    task.env.FAKE_GOENV = goenv;
    const v = await buildInfoVerifier(o)(task);
    expect(v.problems).toEqual([
      `build info says GOAMD64=v3, expected v1 (the toolchain's default, as the target names no variant; the GOENV file ${goenv} sets GOAMD64=v3 (go env -w); name the variant in the target instead, or remove it there)`,
    ]);
  });

  it('leaves the variant uncompared when the toolchain cannot say its default', async () => {
    const v = await buildInfoVerifier({ ...o, env: { ...env, FAKE_DEFAULT: '' } })(
      built('linux/amd64', (b) => infoText(b, { GOAMD64: 'v3' })),
    );
    expect(v.problems).toEqual([]);
    expect(v.notes).toEqual(["GOAMD64 not compared: the toolchain's default could not be read"]);
  });

  it('fails a build from a dirty checkout, listing the changes as git status does', async () => {
    const repo = o.workingDirectory;
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { env: { PATH: '/usr/bin:/bin', HOME: base } });
    git('init', '-q');
    writeFileSync(join(repo, 'main.go'), 'package main\n');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', 'main.go');
    writeFileSync(join(repo, 'gen.go'), 'package main\n');
    const v = await buildInfoVerifier({ ...o, generatedInCheckout: true })(
      built('linux/amd64', (b) => infoText(b, { 'vcs.modified': 'true' })),
    );
    expect(v.problems).toEqual([
      'build info says vcs.modified=true, expected false (allow-dirty: false; the checkout has changes: A  main.go, ?? gen.go (generate: once writes into the checkout); commit them, list them in .gitignore, or set allow-dirty: true)',
    ]);
    const allowed = await buildInfoVerifier({ ...o, cleanTree: { required: false, why: 'allow-dirty: true' } })(
      built('linux/amd64', (b) => infoText(b, { 'vcs.modified': 'true' })),
    );
    expect([allowed.problems, allowed.notes]).toEqual([[], ['built from a checkout with changes (allow-dirty: true)']]);
  });

  it('fails a binary whose build info cannot be read, without the staging path', async () => {
    const task = built('linux/amd64');
    const v = await buildInfoVerifier(o)(task);
    expect(v).toMatchObject({
      problems: ['could not read the build info with go version -m: app: could not read Go build info from app: unrecognized file format'],
      notes: [],
      compared: [],
    });
    expect(v.info).toBeUndefined();
  });

  it("notes that a wasm module's build info cannot be read, and fails nothing", async () => {
    const v = await buildInfoVerifier(o)(built('js/wasm'));
    expect(v).toMatchObject({
      problems: [],
      notes: ["go version -m cannot read a wasm binary's build info (unrecognized file format): not checked"],
    });
  });

  it('fails a binary whose build info go printed in a form it cannot parse', async () => {
    const v = await buildInfoVerifier(o)(built('linux/amd64', () => 'garbage without a colon\n'));
    expect(v.problems).toEqual([
      'could not parse what go version -m printed: the first line "garbage without a colon" is not "FILE: goVERSION"',
    ]);
  });

  it('fails a binary built by another Go, and one that is not what was asked', async () => {
    const v = await buildInfoVerifier({ ...o, cgo: true, head: 'a'.repeat(40) })(
      built('linux/amd64', (b) => infoText(b, { '-trimpath': undefined }, 'go1.23.10')),
    );
    expect(v.problems).toEqual([
      'build info says it was built by go1.23.10, expected go1.24.4 (the pinned toolchain)',
      'build info records no -trimpath, expected true (reproducible: true)',
      'build info says CGO_ENABLED=0, expected 1 (cgo: true)',
      `build info says vcs.revision=${HEAD}, expected ${'a'.repeat(40)} (the checkout's HEAD)`,
    ]);
  });

  // One real toolchain, two go version -m calls on its own go binary and one go env: its build info
  // in the form the text parser reads, and the variant default as go reports it.
  const realGo = '/usr/lib/go-1.24/bin/go';
  (existsSync(realGo) ? it : it.skip)(`reads a real binary's build info with a real go (${realGo}; skipped without it)`, async () => {
    const version = execFileSync(realGo, ['env', 'GOVERSION'], { env: { PATH: '/usr/bin:/bin', HOME: base } })
      .toString()
      .trim();
    const real: VerifyOptions = {
      ...o,
      go: realGo,
      env: { PATH: '/usr/bin:/bin', HOME: base },
      goVersion: version.slice(2),
      head: undefined,
    };
    const task = (target: string): Checkable => ({ target: t(target), binary: realGo, env: real.env });
    // Debian builds its go with -trimpath, without cgo, for the default GOAMD64, outside git.
    const ok = await buildInfoVerifier(real)(task('linux/amd64'));
    expect(ok).toMatchObject({ problems: [], compared: ['Go version', 'GOOS', 'GOARCH', 'GOAMD64', '-trimpath', 'CGO_ENABLED'] });
    expect(ok.info?.path).toBe('cmd/go');
    const wrong = await buildInfoVerifier({ ...real, cgo: true })(task('linux/amd64/v3'));
    expect(wrong.problems).toEqual([
      'build info says GOAMD64=v1, expected v3 (the target names this variant)',
      'build info says CGO_ENABLED=0, expected 1 (cgo: true)',
    ]);
  });
});

describe('gitHead', () => {
  let base: string;
  beforeEach(() => (base = mkdtempSync(join(tmpdir(), 'gcb-git-head-'))));
  afterEach(() => rmSync(base, { recursive: true, force: true }));
  const env = () => ({ PATH: '/usr/bin:/bin', HOME: base, GIT_CEILING_DIRECTORIES: base });

  it("is the checkout's HEAD commit", async () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', base, ...args], { env: env() })
        .toString()
        .trim();
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'first');
    const head = await gitHead(base, env());
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect(head).toBe(git('rev-parse', 'HEAD'));
  });

  it('is undefined outside a checkout, in one without commits, and without git', async () => {
    const plain = join(base, 'plain');
    mkdirSync(plain);
    expect(await gitHead(plain, env())).toBeUndefined();
    execFileSync('git', ['-C', plain, 'init', '-q'], { env: env() });
    expect(await gitHead(plain, env())).toBeUndefined();
    expect(await gitHead(plain, { ...env(), PATH: join(base, 'no-bin') })).toBeUndefined();
  });
});
