// What the post step says of the caches it saved: one log line each, and the summary's table.
import { size } from '../lib/format.js';
import { escapeHtml } from '../lib/html.js';
import type { Log } from '../lib/log.js';
import type { Saved } from './save.js';

export function reportSaved(saved: Saved[], log: Log): void {
  for (const s of saved)
    log.info(
      s.why
        ? `${s.name}: not saved as ${s.key} (${s.pruned} unused entries pruned): ${s.why}.`
        : `${s.name}: ${s.saved ? 'saved' : 'not saved'} ${size(s.bytes)} as ${s.key} (${s.pruned} unused entries pruned)`,
    );
  if (saved.length === 0) {
    log.info('Every cache matched its key: nothing to save.');
    return;
  }
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
