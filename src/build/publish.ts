// Verified builds → output-dir: binaries or archives, SHA256SUMS, artifacts.json. Written only once
// every build succeeded, so a release step never picks up a partial set.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { sha256sums, type Artifact } from '../artifacts.js';
import { targetId, type Target } from '../targets.js';
import { writeArchive } from './archive.js';
import type { BuildJob } from './plan.js';

export const SUMS_FILE = 'SHA256SUMS';
export const MANIFEST_FILE = 'artifacts.json';

export async function publish(
  jobs: BuildJob[],
  outputDir: string,
  workspace: string,
  mtime: Date,
  cacheHit: (t: Target) => boolean | null,
  goVersion: string,
): Promise<Artifact[]> {
  await mkdir(outputDir, { recursive: true });
  const written: string[] = [];
  try {
    const artifacts: Artifact[] = [];
    for (const job of jobs) {
      const dest = join(outputDir, job.artifact);
      written.push(dest);
      if (job.archive) await writeArchive(job.archive, job.binary, dest, mtime);
      else {
        await copyFile(job.binary, dest);
        await chmod(dest, 0o755);
      }
      const { target } = job;
      artifacts.push({
        target: targetId(target),
        goos: target.goos,
        goarch: target.goarch,
        variant: target.variant,
        name: job.artifact,
        path: relative(workspace, dest).split('\\').join('/'),
        size: (await stat(dest)).size,
        sha256: await sha256(dest),
        archive: job.archive,
        cacheHit: cacheHit(target),
        go: goVersion,
      });
    }
    written.push(join(outputDir, SUMS_FILE), join(outputDir, MANIFEST_FILE));
    await writeFile(join(outputDir, SUMS_FILE), sha256sums(artifacts));
    await writeFile(join(outputDir, MANIFEST_FILE), JSON.stringify(artifacts, null, 2) + '\n');
    return artifacts;
  } catch (e) {
    for (const f of written) await rm(f, { force: true });
    throw e;
  }
}

export function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}
