// Plan and merge, each against the work it replaces, measured interleaved in the same run.
// - plan (all ports, 8 shards; the port table knows the minor, so no Go install) vs a cold install
//   of the same toolchain in setup mode: what a plan job would cost if it had to install Go.
// - merge of 8 shard outputs (8 x 12 MiB files, each shard with its SHA256SUMS and artifacts.json)
//   vs `sha256sum` of the same files: the floor, since merge must hash every byte once.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { newRunner, runAction } from '../__tests__/support/index.ts';
import { mirroredToolchain, SERVER_FIXTURE } from './setup.ts';
import { median, table, timeCommand } from './stats.ts';

const SHARDS = 8;
const SIZE = 12 * 1048576;

/** Eight linux ports, each with its ELF class, byte order and e_machine: merge checks the headers. */
const PORTS: [goarch: string, elfClass: number, littleEndian: boolean, machine: number][] = [
  ['amd64', 2, true, 62],
  ['arm64', 2, true, 183],
  ['riscv64', 2, true, 243],
  ['ppc64le', 2, true, 21],
  ['s390x', 2, false, 22],
  ['loong64', 2, true, 258],
  ['mips64le', 2, true, 8],
  ['386', 1, true, 3],
];

/** Random bytes under an ELF header for linux/`goarch`, as a shard's binary would start. */
function fakeBinary(goarch: string): Buffer {
  const [, cls, le, machine] = PORTS.find((p) => p[0] === goarch)!;
  const bytes = randomBytes(SIZE);
  bytes.writeUInt32BE(0x7f454c46, 0);
  bytes[4] = cls;
  bytes[5] = le ? 1 : 2;
  bytes[7] = 0; // OS ABI: linux
  if (le) bytes.writeUInt16LE(machine, 18);
  else bytes.writeUInt16BE(machine, 18);
  return bytes;
}

/** Eight shard outputs as build mode writes them, into `<dir>/shard-N`. */
function writeShards(dir: string): string[] {
  const files = [];
  for (let i = 1; i <= SHARDS; i++) {
    const shard = join(dir, `shard-${i}`);
    mkdirSync(shard, { recursive: true });
    const goarch = PORTS[i - 1][0];
    const name = `tool-linux-${goarch}`;
    const bytes = fakeBinary(goarch);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(shard, name), bytes);
    writeFileSync(join(shard, 'SHA256SUMS'), `${sha256}  ${name}\n`);
    const artifact = {
      target: `linux/${goarch}`,
      goos: 'linux',
      goarch,
      variant: '',
      name,
      path: `dist/${name}`,
      size: SIZE,
      sha256,
      archive: null,
      cacheHit: null,
      go: '1.24.4',
      checksums: 'SHA256SUMS',
    };
    writeFileSync(join(shard, 'artifacts.json'), JSON.stringify([artifact]));
    files.push(join(shard, name));
  }
  return files;
}

export async function benchMatrix({ rounds = 5 } = {}) {
  const { mirror, inputs } = await mirroredToolchain();
  const plan = [];
  const install = [];
  const merge = [];
  const hashFloor = [];
  try {
    for (let i = 0; i < rounds; i++) {
      await timeCommand('sync', []);
      const planner = newRunner();
      cpSync(SERVER_FIXTURE, planner.workspace, { recursive: true });
      const p = await runAction(planner, { inputs: { ...inputs, mode: 'plan', targets: 'all', shards: String(SHARDS) } });
      if (p.code !== 0) throw new Error(`plan failed:\n${p.stdout}`);
      plan.push(p.seconds);

      await timeCommand('sync', []);
      const setup = await runAction(newRunner(), { inputs });
      if (setup.code !== 0) throw new Error(`setup failed:\n${setup.stdout}`);
      install.push(setup.seconds);

      const merger = newRunner();
      const files = writeShards(join(merger.workspace, 'dist'));
      await timeCommand('sync', []);
      hashFloor.push(await timeCommand('sha256sum', files, { stdio: 'ignore' }));
      const m = await runAction(merger, { inputs: { mode: 'merge' } });
      if (m.code !== 0) throw new Error(`merge failed:\n${m.stdout}`);
      merge.push(m.seconds);
    }
  } finally {
    await mirror.close();
  }
  const [pl, ins, mg, hf] = [median(plan), median(install), median(merge), median(hashFloor)];
  console.log(`\n## Plan and merge (median of ${rounds})`);
  table([
    ['measure', 'seconds', 'ratio'],
    ['setup mode, cold install (what a plan that installs Go would cost)', ins.toFixed(2), '1.00'],
    [`plan mode, targets: all, ${SHARDS} shards, no install`, pl.toFixed(2), (pl / ins).toFixed(3)],
    [`sha256sum of ${SHARDS} x ${SIZE / 1048576} MiB (floor)`, hf.toFixed(2), '1.00'],
    [`merge mode over the same ${SHARDS} shard outputs`, mg.toFixed(2), (mg / hf).toFixed(2)],
  ]);
  return { planRatio: pl / ins, mergeRatio: mg / hf };
}
