// mode: merge. The shards' outputs, downloaded into output-dir (each in its own directory, as
// download-artifact lays them out, or flat), verified against each shard's own checksums and
// combined into one flat release directory: every artifact, one checksum file (named as the shards
// named theirs), one artifacts.json.
// Nothing is moved or written unless every check passed (and sign-checksums, if set, signed the
// merged checksum file). The shards' own checksum signatures are dropped.
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { flatten, readShards } from '../artifacts/shard-outputs.js';
import { size } from '../lib/format.js';
import { ActionError, orRefuse } from '../errors.js';
import { signChecksums, type ChecksumSigner } from '../artifacts/checksum-signature.js';
import { checksummedFiles } from '../artifacts/manifest.js';
import { findSigningProgram } from '../gobuild/sign.js';
import { formatSha256sums } from '../lib/sha256sums.js';
import type { RunnerEnv } from '../lib/runner-env.js';
import type { MergeSpec } from '../artifacts/merge-spec.js';
import type { Log } from '../lib/log.js';
import type { MergeResult } from './result.js';
import { inTargetOrder, mergeShards, type MergedArtifact } from '../artifacts/shard-merge.js';
import { assembleInMerge } from '../artifacts/merge-universal.js';
import { escapeHtml } from '../lib/html.js';

/** `runner`: the job's PATH and environment, which sign-checksums runs with. */
export async function runMerge(
  inputs: MergeSpec,
  workspace: string,
  log: Log,
  runner?: Pick<RunnerEnv, 'env' | 'pathSep' | 'host'>,
): Promise<MergeResult> {
  const env = runner?.env ?? process.env;
  const signer = inputs.signChecksums && {
    command: inputs.signChecksums,
    program: orRefuse(
      findSigningProgram(
        'sign-checksums',
        inputs.signChecksums,
        inputs.workingDirectory,
        env,
        runner?.pathSep ?? delimiter,
        runner?.host.goos === 'windows',
      ),
    ),
    cwd: inputs.workingDirectory,
    env,
    log,
  };
  const out = inputs.outputDir;
  if (!existsSync(out) || !statSync(out).isDirectory()) {
    throw new ActionError(
      'Nothing to merge',
      `output-dir ${inputs.outputText} (${out}) does not exist: download the shards' artifacts there first (actions/download-artifact with path: ${inputs.outputText}).`,
    );
  }
  const shards = await readShards(out);
  if (shards.length === 0)
    throw new ActionError('Nothing to merge', `output-dir ${inputs.outputText} (${out}) holds no shard output (no artifacts.json).`);
  const merged = mergeShards(shards, inputs.targets);
  if ('problems' in merged) {
    throw new ActionError(
      'Merge failed',
      `The shards' outputs in ${inputs.outputText} do not merge; nothing was changed:\n- ${merged.problems.join('\n- ')}`,
    );
  }

  // darwin/universal that no shard built is assembled from its slices before anything moves.
  const universal = merged.universal ? await assembleInMerge(out, merged.universal, workspace) : undefined;
  for (const p of merged.universal ?? [])
    log.info(
      `Assembled darwin/universal ${p.name} from ${p.amd64.artifact.name} (${p.amd64.from}) and ${p.arm64.artifact.name} (${p.arm64.from})`,
    );
  const all = inTargetOrder([...merged.artifacts, ...(universal?.merged ?? [])], inputs.targets);
  // The merged checksum file is signed in a staging directory first: a failing command leaves output-dir as it was.
  const staging = signer && (await mkdtemp(join(out, '.go-crossbuild-sign-')));
  try {
    const signatures = staging ? await signMerged(staging, all, merged.checksums, signer) : [];
    const artifacts = await flatten(out, shards, all, merged.checksums, workspace);
    const dropped = shards.flatMap((s) => (s.signatures ?? []).map((name) => (s.dir === '.' ? name : `${s.dir}/${name}`)));
    // A flat shard's signatures are still in output-dir: they sign a checksum file that is gone.
    for (const name of shards.find((s) => s.dir === '.')?.signatures ?? []) await rm(join(out, name), { force: true });
    if (dropped.length)
      log.info(
        `Dropped the shards' checksum signatures (${dropped.join(', ')}): they sign each shard's own ${merged.checksums}${signer ? '' : '; sign-checksums in merge mode signs the merged one'}`,
      );
    for (const name of signatures) await rename(join(staging!, name), join(out, name));
    log.info(`Merged ${artifacts.length} artifacts from ${shards.length} shard${shards.length > 1 ? 's' : ''} into ${out}`);
    summarize(log, all, shards.length, merged.checksums);
    return { mode: 'merge', artifacts, checksumsFile: join(out, merged.checksums) };
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
    if (universal) await rm(universal.staging, { recursive: true, force: true });
  }
}

/** The merged checksum file, written in `staging` as flatten will write it, and signed there: the files the command wrote. */
async function signMerged(staging: string, merged: MergedArtifact[], checksums: string, signer: ChecksumSigner): Promise<string[]> {
  await writeFile(join(staging, checksums), formatSha256sums(checksummedFiles(merged.map((m) => m.artifact))));
  return signChecksums(staging, checksums, signer);
}

function summarize(log: Log, merged: MergedArtifact[], shardCount: number, checksums: string): void {
  log.summary(
    {
      heading: `Merged: ${merged.length} artifacts from ${shardCount} shard${shardCount > 1 ? 's' : ''} built with Go ${escapeHtml(merged[0]?.artifact.go ?? '')}, each verified against its shard's ${escapeHtml(checksums)}`,
    },
    {
      table: [
        ['Target', 'Artifact', 'Size', 'SHA-256', 'Shard'],
        ...merged.map(({ artifact: a, from }) => [
          escapeHtml(a.target),
          escapeHtml(a.name),
          size(a.size),
          `<code>${escapeHtml(a.sha256.slice(0, 16))}</code>`,
          escapeHtml(from),
        ]),
      ],
    },
  );
}
