// The post step: prune and save the caches the main step restored and missed. Never fails the job.
import * as core from '@actions/core';
import { size } from './build/report.js';
import { timeoutMs } from './cache/budget.js';
import { STATE_KEY, type CacheState } from './cache/keys.js';
import { saveCaches } from './cache/save.js';

async function post(): Promise<void> {
  const raw = core.getState(STATE_KEY);
  if (!raw) return; // caching off, no service, or the main step stopped before restoring
  const state = JSON.parse(raw) as CacheState;
  if (state.readOnly) {
    core.info('cache-read-only: caches were restored but are not saved.');
    return;
  }
  const saved = await saveCaches(state, timeoutMs(process.env));
  for (const s of saved)
    core.info(`${s.name}: ${s.saved ? 'saved' : 'not saved'} ${size(s.bytes)} as ${s.key} (${s.pruned} unused entries pruned)`);
  if (saved.length === 0) core.info('Every cache matched its key: nothing to save.');
  if (process.env.GITHUB_STEP_SUMMARY && saved.length) {
    await core.summary
      .addHeading('Caches saved', 3)
      .addTable([
        ['Cache', 'Key', 'Size', 'Unused entries pruned', 'Saved'].map((data) => ({ data, header: true })),
        ...saved.map((s) => [s.name, `<code>${s.key}</code>`, size(s.bytes), String(s.pruned), s.saved ? 'yes' : 'no']),
      ])
      .write();
  }
}

post()
  .catch((e) => core.warning(`Caches not saved: ${(e as Error).message}`))
  .finally(() => process.exit(0));
