// Little fixtures shared by the unit tests. Not a test file (jest runs only *.test.ts).
import type { BuildSettings, Stamp } from '../../src/build/settings.js';
import { parseTarget, type Target } from '../../src/targets/target.js';

/** A target from its text, for tests whose texts are known to parse. */
export const t = (text: string) => parseTarget(text) as Target;

export const stamp: Stamp = { version: '1.2.3', tag: 'v1.2.3', commit: 'abc1234def', date: '2023-11-14T22:13:20Z', epoch: 1_700_000_000 };

export const settings: BuildSettings = {
  ldflags: '-s -w -X main.version={version}',
  tags: ['pro', 'netgo'],
  buildFlags: [],
  env: [],
  cgo: false,
  trimpath: true,
};
