// mode: merge. The shards' outputs, downloaded into output-dir (each in its own directory, as
// download-artifact lays them out, or flat), verified against each shard's own checksums and
// combined into one flat release directory: every artifact, one checksum file (named as the shards
// named theirs), one artifacts.json.
// Nothing is moved or written unless every check passed.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { flatten, readShards } from '../artifacts/shard-outputs.js';
import { size } from '../lib/format.js';
import { ActionError } from '../errors.js';
import type { MergeSpec } from '../artifacts/merge-spec.js';
import type { Log } from '../lib/log.js';
import type { MergeResult } from './result.js';
import { mergeShards, type MergedArtifact } from '../artifacts/shard-merge.js';
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

  const artifacts = await flatten(out, shards, merged.artifacts, merged.checksums, workspace);
  log.info(`Merged ${artifacts.length} artifacts from ${shards.length} shard${shards.length > 1 ? 's' : ''} into ${out}`);
  summarize(log, merged.artifacts, shards.length, merged.checksums);
  return { mode: 'merge', artifacts, checksumsFile: join(out, merged.checksums) };
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
