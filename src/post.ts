// The post step: prune and save the caches the main step restored and missed. Never fails the job.
import * as core from '@actions/core';
import { actionLog } from './action/core-log.js';
import { timeoutMs } from './cache/budget.js';
import { STATE_KEY, type CacheState } from './cache/keys.js';
import { saveCaches } from './cache/save.js';
import { reportSaved } from './cache/save-report.js';

const log = actionLog();

async function post(): Promise<void> {
  const raw = core.getState(STATE_KEY);
  if (!raw) return; // caching off, no service, or the main step stopped before restoring
  const state = JSON.parse(raw) as CacheState;
  if (state.readOnly) {
    log.info(`Caches were restored but are not saved: ${state.readOnlyWhy}.`);
    return;
  }
  reportSaved(await saveCaches(state, timeoutMs(process.env), process.env, log), log);
}

post()
  .catch((e) => log.warning(`Caches not saved: ${(e as Error).message}`))
  .finally(() => log.flush().finally(() => process.exit(0)));
