// mode: merge. The shards' outputs, downloaded into output-dir (each in its own directory, as
// download-artifact lays them out, or flat), verified against each shard's own checksums and
// combined into one flat release directory: every artifact, one SHA256SUMS, one artifacts.json.
// Nothing is moved or written unless every check passed.
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SUMS_FILE } from '../gobuild/artifact-names.js';
import { flatten, readShards } from '../artifacts/shard-outputs.js';
import { size } from '../lib/format.js';
import { ActionError } from '../errors.js';
import type { MergeSpec } from '../artifacts/merge-spec.js';
import type { Log } from '../lib/log.js';
import type { MergeResult } from './result.js';
import { inTargetOrder, mergeShards, type MergedArtifact } from '../artifacts/shard-merge.js';
import { assembleInMerge } from '../artifacts/merge-universal.js';
import { escapeHtml } from '../lib/html.js';

export async function runMerge(inputs: MergeSpec, workspace: string, log: Log): Promise<MergeResult> {
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
  let artifacts;
  try {
    artifacts = await flatten(out, shards, all, workspace);
  } finally {
    if (universal) await rm(universal.staging, { recursive: true, force: true });
  }
  log.info(`Merged ${artifacts.length} artifacts from ${shards.length} shard${shards.length > 1 ? 's' : ''} into ${out}`);
  summarize(log, all, shards.length);
  return { mode: 'merge', artifacts, checksumsFile: join(out, SUMS_FILE) };
}

function summarize(log: Log, merged: MergedArtifact[], shardCount: number): void {
  log.summary(
    {
      heading: `Merged: ${merged.length} artifacts from ${shardCount} shard${shardCount > 1 ? 's' : ''} built with Go ${escapeHtml(merged[0]?.artifact.go ?? '')}, each verified against its shard's SHA256SUMS`,
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
