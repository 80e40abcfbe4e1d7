// What pins a toolchain: shared by setup, build and plan mode.
import type { MirrorAuth } from '../lib/http.js';
import type { Pins } from './sha256-pins.js';
import type { Platform } from './platform.js';
import type { VersionSpec } from './version.js';

export interface ToolchainSpec {
  spec: VersionSpec;
  /** Where the spec came from, for logs and errors: `go-version` or `go-version-file`. */
  specInput: 'go-version' | 'go-version-file';
  specValue: string;
  pins: Pins;
  baseUrl: string;
  /** The `token` input, for go-download-base-url's origin only. */
  auth?: MirrorAuth;
  checkLatest: boolean;
  /** The platform the toolchain runs on: the runner's OS with `architecture` or the runner's arch. */
  platform: Platform;
  workingDirectory: string;
}
