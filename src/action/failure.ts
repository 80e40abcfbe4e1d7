// Turns a failure into exactly one `::error` annotation and exit code 1.
import * as core from '@actions/core';
import { ActionError, InputError } from '../errors.js';

export function reportFailure(e: unknown): void {
  if (e instanceof InputError) core.error(e.message, { title: `Invalid input ${e.input}` });
  else if (e instanceof ActionError) core.error(e.message, { title: e.title });
  else core.error(e instanceof Error ? (e.stack ?? e.message) : String(e), { title: 'go-crossbuild failed' });
  process.exitCode = 1;
}
