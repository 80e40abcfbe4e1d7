// A cold install on a Windows runner, under Wine: the action's setup step (download from the local
// mirror, SHA-256, in-process extraction, tool-cache placement, the go env proof, from node.exe
// start to exit) against a plain unzip of the same archive into an empty directory (a sequential
// extractor built for Windows, fixtures/unzip), measured in the same run, interleaved. Then the
// same with a D: drive present against absent.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMirror } from '../__tests__/support/mirror.ts';
import {
  buildForWindows,
  newWinRunner,
  runWinAction,
  setDriveD,
  WINE,
  windowsGoArchive,
  wineMissing,
  winePrefix,
  winPath,
} from '../__tests__/support/wine.ts';
import { median, table, timeCommand } from './stats.ts';

const UNZIP_SRC = fileURLToPath(new URL('./fixtures/unzip', import.meta.url));

export async function benchWindows({ rounds }: { rounds: number }): Promise<void> {
  console.log('\n== windows: cold install under Wine, the action vs a plain unzip ==');
  if (wineMissing) {
    console.log(wineMissing);
    return;
  }
  const prefix = winePrefix('go-crossbuild-wine-bench');
  const go = await windowsGoArchive();
  const mirror = await startMirror([
    { version: go.goName, stable: true, files: [{ filename: go.fileName, sha256: go.sha256, path: go.path }] },
  ]);
  const unzip = join(prefix.driveC, 'bench', 'unzip.exe');
  mkdirSync(join(prefix.driveC, 'bench'), { recursive: true });
  buildForWindows(UNZIP_SRC, unzip);
  const env = { ...process.env, ...prefix.env };
  const inputs = {
    'go-version': go.version,
    'go-sha256': `${go.sha256}  ${go.fileName}`,
    'go-download-base-url': mirror.url,
    cache: 'false',
  };

  /** A plain unzip of the archive, on the drive given, into an empty directory. */
  const plain = async (drive: 'C' | 'D') => {
    const root = drive === 'C' ? join(prefix.driveC, 'bench') : setDriveD(prefix, true);
    const zip = join(root, go.fileName);
    const out = join(root, 'out');
    copyFileSync(go.path, zip);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    const s = await timeCommand(WINE, [unzip, driveOf(prefix, zip, drive), driveOf(prefix, out, drive)], { env });
    rmSync(out, { recursive: true, force: true });
    return s;
  };
  /** The action's setup step in a fresh runner (empty tool cache), D: present or not. */
  const action = async (d: boolean) => {
    setDriveD(prefix, d);
    const r = newWinRunner(prefix, 'bench');
    const res = await runWinAction(r, { inputs });
    if (res.code !== 0) throw new Error(`setup failed under Wine:\n${res.stdout}\n${res.stderr}`);
    const inner = Number(/Verified SHA-256 \S+ of \S+ \([\d.]+ MiB in ([\d.]+) s\)/.exec(res.stdout)?.[1] ?? NaN);
    return { total: res.seconds, inner };
  };

  const t = { plainC: [] as number[], plainD: [] as number[], actionC: [] as number[], actionD: [] as number[], innerC: [] as number[] };
  try {
    await action(false); // warm Wine's own start-up once, for both sides
    for (let i = 0; i < rounds; i++) {
      t.plainC.push(await plain('C'));
      const c = await action(false);
      t.actionC.push(c.total);
      t.innerC.push(c.inner);
      t.plainD.push(await plain('D'));
      t.actionD.push((await action(true)).total);
    }
  } finally {
    setDriveD(prefix, false);
    await mirror.close();
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<keyof typeof t, number>;
  const f = (s: number) => `${s.toFixed(2)} s`;
  table([
    ['', 'C:', 'D: present'],
    ['plain unzip (Go archive/zip, sequential)', f(m.plainC), f(m.plainD)],
    ['action setup, whole step', f(m.actionC), f(m.actionD)],
    ['  of which download + SHA-256 + extract', f(m.innerC), ''],
  ]);
  console.log(`${go.fileName}, ${rounds} rounds, medians`);
  console.log(`action / plain unzip on C: ${(m.actionC / m.plainC).toFixed(2)}x (goal <= 1.2x)`);
  console.log(
    `action, D: present / absent: ${(m.actionD / m.actionC).toFixed(2)}x; plain unzip D: / C: ${(m.plainD / m.plainC).toFixed(2)}x`,
  );
}

/** The Windows path of `p` on drive C: or D: (D: is the prefix's drive_d). */
function driveOf(prefix: ReturnType<typeof winePrefix>, p: string, drive: 'C' | 'D'): string {
  return drive === 'C' ? winPath(prefix, p) : `D:\\${relative(join(prefix.dir, 'drive_d'), p).split('/').join('\\')}`;
}
