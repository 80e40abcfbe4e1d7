// The main step: read the runner, read the inputs, run the mode, write its result.
import * as core from '@actions/core';
import { reportFailure } from './action/failure.js';
import { actionLog } from './action/core-log.js';
import { writeResult } from './action/outputs.js';
import { inputSource, readRunner, requireToolCache } from './action/read-runner.js';
import { readInputs } from './inputs/read.js';
import { urlSecrets } from './inputs/url.js';
import { newHttpClient, stallTimeoutMs } from './lib/http.js';
import { runBuild } from './modes/build.js';
import { runMerge } from './modes/merge.js';
import { runPlan } from './modes/plan.js';
import type { ModeResult } from './modes/result.js';
import { runSetup, runSetupWithGoOnPath } from './modes/setup.js';

const log = actionLog();

async function main(): Promise<void> {
  const runner = readRunner(Date.now());
  // Credentials in a URL of any input are masked in every log line from here on.
  const withUrls = [core.getInput('go-download-base-url'), runner.env.GO_DOWNLOAD_BASE_URL ?? '', core.getInput('env')];
  for (const secret of urlSecrets(withUrls.join('\n'))) log.secret(secret);
  for (const name of ['token', 'private-modules-token']) if (core.getInput(name)) log.secret(core.getInput(name));
  const inputs = readInputs(inputSource(runner));
  inputs.warnings.forEach(log.warning);
  let result: ModeResult;
  if (inputs.mode === 'merge') result = await runMerge(inputs, runner.workspace, log, runner);
  else if ('goOnPath' in inputs) result = await runSetupWithGoOnPath(inputs, { runner, log });
  else {
    requireToolCache(runner);
    const ctx = { runner, client: newHttpClient(stallTimeoutMs(runner.env), inputs.auth), log };
    if (inputs.mode === 'plan') result = await runPlan(inputs, inputs.plan, ctx);
    else if (inputs.build) result = await runBuild(inputs, inputs.build, ctx);
    else result = await runSetup(inputs, ctx);
  }
  writeResult(result, runner);
}

// Exit explicitly: a timed-out cache request of @actions/cache may keep retrying in the background.
main()
  .catch(reportFailure)
  .finally(() => log.flush().finally(() => process.exit()));
