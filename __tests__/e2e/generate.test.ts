// go generate whose generators run on the host: the naive loop's exec format error first, then the
// action's per-target and once modes through the bundled action.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts.js';
import {
  checkout,
  fileProxy,
  fixture,
  hasWine,
  newRunner,
  releases,
  runAction,
  runUnderWine,
  startMirror,
  tryRun,
  type Fixture,
  type Mirror,
  type Runner,
} from './support.js';

let f: Fixture;
let mirror: Mirror;
let proxyEnv: Record<string, string>;
const proxyRunner = newRunner();
beforeAll(async () => {
  f = await fixture();
  mirror = await startMirror(releases(f));
  // `go run example.com/remotegen@v1.0.0` is served offline; the checksum database is not asked.
  proxyEnv = { GOPROXY: await fileProxy(join(proxyRunner.dir, 'proxy'), 'example.com/remotegen', 'v1.0.0', 'remotegen'), GOSUMDB: 'off' };
});
afterAll(() => mirror.close());

function action(runner: Runner, inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runAction(runner, {
    inputs: { 'go-version': f.newer.version, 'go-sha256': f.pins, 'go-download-base-url': mirror.url, ...inputs },
    env: { ...proxyEnv, ...env },
  });
}

const HOST = 'linux/amd64';

describe('the naive loop', () => {
  it('fails with exec format error: GOARCH=arm64 go generate builds the generators for arm64', () => {
    // Precondition: no binfmt_misc handler runs arm64 binaries here, as on a plain runner.
    expect(existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64')).toBe(false);
    const dir = join(proxyRunner.dir, 'naive');
    checkout('gen', dir);
    const go = join(f.newer.goroot(), 'bin', 'go');
    const env = {
      ...process.env,
      ...proxyEnv,
      GOROOT: f.newer.goroot(),
      GOTOOLCHAIN: 'local',
      GOARCH: 'arm64',
      GOFLAGS: '',
      GOCACHE: join(proxyRunner.dir, 'naive-cache'),
    };
    const r = tryRun('sh', ['-c', 'cd "$1" && "$2" generate ./...', 'sh', dir, go], env);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/fork\/exec .*\/gen: exec format error/);
  });
});

describe('generate: per-target', () => {
  const runner = newRunner();
  let res: Awaited<ReturnType<typeof action>>;
  let artifacts: Artifact[];
  const bin = (t: string) => join(runner.workspace, artifacts.find((a) => a.target === t)!.path);

  beforeAll(async () => {
    checkout('gen', runner.workspace);
    res = await action(runner, { targets: 'linux/amd64, linux/arm64, linux/riscv64, windows/amd64', generate: 'per-target' });
    artifacts = JSON.parse(res.outputs.artifacts ?? '[]');
  }, 600_000);

  it('builds every target', () => {
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    expect(artifacts.map((a) => a.target)).toEqual(['linux/amd64', 'linux/arm64', 'linux/riscv64', 'windows/amd64']);
  });

  it('generated the arm64 code for arm64, with every generator run on the host', () => {
    expect(tryRun('qemu-aarch64-static', [bin('linux/arm64')]).stdout).toBe(
      `generated for arm64 by a generator on ${HOST} (it saw GOARCH=arm64); tool on ${HOST}; remote on ${HOST}; extra: arm64 directive ran on ${HOST}\n`,
    );
    expect(tryRun('qemu-riscv64-static', [bin('linux/riscv64')]).stdout).toBe(
      `generated for riscv64 by a generator on ${HOST} (it saw GOARCH=riscv64); tool on ${HOST}; remote on ${HOST}; extra: none\n`,
    );
    expect(tryRun(bin('linux/amd64'), []).stdout).toBe(
      `generated for amd64 by a generator on ${HOST} (it saw GOARCH=amd64); tool on ${HOST}; remote on ${HOST}; extra: none\n`,
    );
  });

  (hasWine ? it : it.skip)('generated the windows code for windows', () => {
    expect(runUnderWine(bin('windows/amd64')).stdout.replace(/\r\n/g, '\n')).toBe(
      `generated for amd64 by a generator on ${HOST} (it saw GOARCH=amd64); tool on ${HOST}; remote on ${HOST}; extra: none\n`,
    );
  });

  it('logs which generators ran for which target, and where', () => {
    for (const t of ['linux/arm64', 'linux/riscv64']) {
      const goarch = t.split('/')[1];
      expect(res.stdout).toContain(`go generate ./... for ${t}; generators run on the host ${HOST}`);
      expect(res.stdout).toContain(
        `go-crossbuild: generator example.com/gen/internal/gen for linux/${goarch} runs as a ${HOST} host build`,
      );
      expect(res.stdout).toContain(`go-crossbuild: generator example.com/gen/cmd/stamp for linux/${goarch} runs as a ${HOST} host build`);
      expect(res.stdout).toContain(`go-crossbuild: generator example.com/remotegen for linux/${goarch} runs as a ${HOST} host build`);
    }
    // The versioned module's host build is reused by the next target; main-module generators are
    // rebuilt only when their cross-compiled binary differs (it does, per target).
    expect(res.stdout).toMatch(/generator example.com\/remotegen for linux\/riscv64 runs as a linux\/amd64 host build \(cached\)/);
    expect(res.stdout).toContain('1 at a time');
  });
});

describe('generate: once', () => {
  it('runs the generators on the host even with GOARCH=arm64 in the job environment', async () => {
    const runner = newRunner();
    checkout('gen', runner.workspace);
    const res = await action(runner, { targets: 'linux/arm64', generate: 'once' }, { GOARCH: 'arm64', GOOS: 'linux' });
    expect(res.errors).toEqual([]);
    expect(res.stdout).toContain(`(once, generators on the host ${HOST})`);
    expect(res.stdout).not.toContain('go-crossbuild: generator');
    const [a] = JSON.parse(res.outputs.artifacts) as Artifact[];
    // Once means the host's view: go generate sets the host's GOARCH, the arm64-only directive is not run.
    expect(tryRun('qemu-aarch64-static', [join(runner.workspace, a.path)]).stdout).toBe(
      `generated for amd64 by a generator on ${HOST} (it saw GOARCH=amd64); tool on ${HOST}; remote on ${HOST}; extra: none\n`,
    );
  });

  it('runs alone, without targets', async () => {
    const runner = newRunner();
    checkout('gen', runner.workspace);
    const res = await action(runner, { generate: 'once', 'generate-packages': '.' }, { GOARCH: 'arm64' });
    expect(res.errors).toEqual([]);
    expect(readFileSync(join(runner.workspace, 'zz_platform.go'), 'utf8')).toContain(`generatorRanOn = "${HOST}"`);
  });
});

describe('failures', () => {
  it('explains an exec format error the wrapper cannot catch, naming target, file and line', async () => {
    const runner = newRunner();
    checkout('gen', runner.workspace);
    const res = await action(runner, { targets: 'linux/arm64', generate: 'per-target', tags: 'selfexec' });
    expect(res.code).toBe(1);
    const directive = res.errors.find((e) => e.includes('file=selfexec.go'));
    expect(directive).toMatch(/^::error title=go generate linux\/arm64,file=selfexec.go,line=6::running "bash": exit status \d+/);
    expect(res.errors.at(-1)).toMatch(
      /go generate failed for linux\/arm64 at selfexec.go:6 \(running "bash": exit status \d+\)\. A program built for another platform was executed directly on this linux\/amd64 runner.*Way out:/,
    );
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
  });

  it('refuses per-target without targets and unknown modes', async () => {
    const runner = newRunner();
    const a = await action(runner, { generate: 'per-target' });
    expect(a.errors).toEqual([expect.stringMatching(/title=Invalid input generate::.*per-target needs targets/)]);
    const b = await action(runner, { generate: 'always', targets: 'linux/amd64' });
    expect(b.errors).toEqual([expect.stringMatching(/title=Invalid input generate::Input generate = "always": unknown mode/)]);
  });
});
