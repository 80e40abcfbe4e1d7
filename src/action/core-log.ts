// The stages' Log on @actions/core. Summary blocks are kept in order and written once, at the end
// of the step, whether it succeeded or not.
import * as core from '@actions/core';
import type { Log, SummaryBlock } from '../lib/log.js';

export interface ActionLog extends Log {
  /** Writes the summary blocks gathered so far (when the runner gives a summary file). */
  flush(): Promise<void>;
}

export function actionLog(): ActionLog {
  const blocks: SummaryBlock[] = [];
  return {
    info: core.info,
    warning: core.warning,
    debug: core.debug,
    annotate: (message, at) => core.error(message, at),
    group: (name, fn) => core.group(name, fn),
    section(name, lines) {
      core.startGroup(name);
      for (const l of lines) core.info(l);
      core.endGroup();
    },
    secret: core.setSecret,
    summary: (...b) => void blocks.push(...b),
    async flush() {
      if (!process.env.GITHUB_STEP_SUMMARY || blocks.length === 0) return;
      for (const b of blocks.splice(0)) {
        if ('heading' in b) core.summary.addHeading(b.heading, 3);
        else if ('table' in b) {
          const [head, ...rows] = b.table;
          core.summary.addTable([head.map((data) => ({ data, header: true })), ...rows]);
        } else core.summary.addRaw(b.text, true);
      }
      await core.summary.write();
    },
  };
}
