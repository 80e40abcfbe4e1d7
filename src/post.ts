// The post step: prune and save the caches the main step restored and missed. Never fails the job.
import * as core from '@actions/core';
import { actionLog } from './action/core-log.js';
import { size } from './lib/format.js';
import { escapeHtml } from './lib/html.js';
import { timeoutMs } from './cache/budget.js';
import { STATE_KEY, type CacheState } from './cache/keys.js';
import { saveCaches } from './cache/save.js';

const log = actionLog();

async function post(): Promise<void> {
  const raw = core.getState(STATE_KEY);
  if (!raw) return; // caching off, no service, or the main step stopped before restoring
  const state = JSON.parse(raw) as CacheState;
  if (state.readOnly) {
    log.info(`Caches were restored but are not saved: ${state.readOnlyWhy}.`);
    return;
  }
  const saved = await saveCaches(state, timeoutMs(process.env), process.env, log);
  for (const s of saved)
    log.info(
      s.why
        ? `${s.name}: not saved as ${s.key} (${s.pruned} unused entries pruned): ${s.why}.`
        : `${s.name}: ${s.saved ? 'saved' : 'not saved'} ${size(s.bytes)} as ${s.key} (${s.pruned} unused entries pruned)`,
    );
  if (saved.length === 0) log.info('Every cache matched its key: nothing to save.');
  if (saved.length)
    log.summary(
      { heading: 'Caches saved' },
      {
        table: [
          ['Cache', 'Key', 'Size', 'Unused entries pruned', 'Saved'],
          ...saved.map((s) => [
            s.name,
            `<code>${s.key}</code>`,
            size(s.bytes),
            String(s.pruned),
            s.why ? `no: ${escapeHtml(s.why)}` : s.saved ? 'yes' : 'no',
          ]),
        ],
      },
    );
}

post()
  .catch((e) => log.warning(`Caches not saved: ${(e as Error).message}`))
  .finally(() => log.flush().finally(() => process.exit(0)));
