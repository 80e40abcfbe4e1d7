// go-version or go-version-file, go-sha256, go-download-base-url, token, check-latest, architecture
// → what pins the toolchain.
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { isWithin } from '../lib/files.js';
import type { MirrorAuth } from '../lib/http.js';
import { ARCHITECTURE_NAMES, goarchOf } from '../toolchain/platform.js';
import { parsePins } from '../toolchain/sha256-pins.js';
import type { ToolchainSpec } from '../toolchain/toolchain-spec.js';
import { readVersionFile } from '../toolchain/version-file.js';
import { isProblem } from '../lib/problem.js';
import { parseVersionSpec } from '../toolchain/version.js';
import { readBoolean, readWorkingDirectory, type InputSource } from './input-source.js';
import { checkBaseUrl } from './url.js';

export const DEFAULT_BASE_URL = 'https://go.dev/dl';

const VERSION_ALLOWED =
  'an exact version (1.24.4, go1.24.4, 1.25rc1, or a revision build such as 1.25.0-1), a range (1.24, ^1.23, ">=1.22 <1.24"), stable or oldstable';
/** The inputs that pin a toolchain, for the errors about their absence. */
export const VERSION_INPUTS_ALLOWED = `go-version (${VERSION_ALLOWED}) or go-version-file (go.mod, go.work, .go-version, .tool-versions)`;
const VERSION_FILE_ALLOWED =
  'go.mod or go.work with a "go 1.X[.Y]" or "toolchain go1.X.Y" line, .tool-versions with a "golang 1.X.Y" line, or .go-version holding a version';
const PATH_ALLOWED = 'a path, relative to the workspace, of go.mod, go.work, .go-version or .tool-versions';

/** Whether go-version or go-version-file is set: without either, only setup mode runs (on the Go on PATH). */
export function hasVersionInput(src: InputSource): boolean {
  return src.get('go-version').trim() !== '' || src.get('go-version-file').trim() !== '';
}

export function readToolchainSpec(src: InputSource, warnings: string[]): ToolchainSpec {
  const { spec, specInput, specValue } = readVersion(src, warnings);
  const pinsText = src.get('go-sha256');
  const pins = parsePins(pinsText);
  if ('problem' in pins)
    throw new InputError(
      'go-sha256',
      pinsText.trim(),
      pins.problem,
      'one SHA-256 (64 hex digits), or lines "HASH  FILENAME" as sha256sum prints them; and lines "golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h1:HASH" as go.sum and sum.golang.org print them, for a Go tree already in the tool cache',
    );
  const baseUrl = readBaseUrl(src);
  const auth = readToken(src, baseUrl, warnings);
  const checkLatest = readBoolean(src, 'check-latest', false);
  const arch = src.get('architecture').trim();
  let platform = src.host;
  if (arch) {
    const goarch = goarchOf(arch);
    if (!goarch) throw new InputError('architecture', arch, 'unknown architecture', ARCHITECTURE_NAMES.join(', '));
    platform = { goos: src.host.goos, goarch };
  }
  return {
    spec,
    specInput,
    specValue,
    pins,
    baseUrl,
    auth,
    checkLatest,
    platform,
    workingDirectory: readWorkingDirectory(src),
  };
}

/**
 * Setup mode without a version: the Go on PATH. A go-sha256 pin asks for verification that cannot
 * happen, so it is refused; the inputs that only steer a download are ignored, with a warning.
 */
export function checkNoToolchainInputs(src: InputSource, warnings: string[]): void {
  const pinsText = src.get('go-sha256').trim();
  if (pinsText)
    throw new InputError(
      'go-sha256',
      pinsText,
      'it pins an archive, but neither go-version nor go-version-file is set, so nothing would be downloaded and checked against it',
      `${VERSION_INPUTS_ALLOWED} beside it`,
    );
  const unused = ['go-download-base-url', 'token', 'architecture'].filter((name) => src.get(name).trim() !== '');
  if (readBoolean(src, 'check-latest', false)) unused.push('check-latest');
  if (unused.length)
    warnings.push(
      `${unused.join(', ')} ${unused.length > 1 ? 'are' : 'is'} ignored: neither go-version nor go-version-file is set, so the Go on PATH is used.`,
    );
}

function readVersion(src: InputSource, warnings: string[]): Pick<ToolchainSpec, 'spec' | 'specInput' | 'specValue'> {
  const version = src.get('go-version').trim();
  const versionFile = src.get('go-version-file').trim();
  if (version) {
    if (versionFile) warnings.push(`Both go-version (${version}) and go-version-file (${versionFile}) are set; using go-version.`);
    const parsed = parseVersionSpec(version);
    if (isProblem(parsed)) throw new InputError('go-version', version, parsed.problem, VERSION_ALLOWED);
    return { spec: parsed, specInput: 'go-version', specValue: version };
  }
  // Without either, the path below would be the workspace itself, blamed on go-version-file.
  if (!versionFile) throw new InputError('go-version', '', 'neither go-version nor go-version-file is set', VERSION_INPUTS_ALLOWED);
  const path = resolve(src.cwd, versionFile);
  if (!isWithin(src.cwd, path))
    throw new InputError('go-version-file', versionFile, `it is outside the workspace (${src.cwd})`, PATH_ALLOWED);
  const text = src.readText(path);
  if (text === undefined) throw new InputError('go-version-file', versionFile, `no such file (looked at ${path})`, PATH_ALLOWED);
  const found = readVersionFile(path, text, src.env.GOTOOLCHAIN === 'local');
  if ('problem' in found) throw new InputError('go-version-file', versionFile, found.problem, VERSION_FILE_ALLOWED);
  const parsed = parseVersionSpec(found.spec);
  if (isProblem(parsed)) throw new InputError('go-version-file', versionFile, `"${found.line}": ${parsed.problem}`, VERSION_FILE_ALLOWED);
  return { spec: parsed, specInput: 'go-version-file', specValue: `${versionFile} (${found.line})` };
}

function readBaseUrl(src: InputSource): string {
  const fromInput = src.get('go-download-base-url').trim();
  const raw = fromInput || src.env.GO_DOWNLOAD_BASE_URL?.trim() || DEFAULT_BASE_URL;
  const name = fromInput || !src.env.GO_DOWNLOAD_BASE_URL ? 'go-download-base-url' : 'go-download-base-url (from env GO_DOWNLOAD_BASE_URL)';
  return checkBaseUrl(
    name,
    raw,
    'an http(s) URL of a go.dev/dl mirror, such as https://go.dev/dl',
    'the action adds ?mode=json&include=all',
  );
}

/**
 * `token`: sent as a Bearer credential to the origin of go-download-base-url, and only when that
 * input is set: never to go.dev, to a mirror named by the runner's environment, or to a host a
 * mirror redirects to.
 */
function readToken(src: InputSource, baseUrl: string, warnings: string[]): MirrorAuth | undefined {
  const token = src.get('token').trim();
  if (!token) return undefined;
  if (!src.get('go-download-base-url').trim()) {
    warnings.push('token is ignored: it is sent only to the host of go-download-base-url, and that input is not set.');
    return undefined;
  }
  if (/\s/.test(token))
    throw new InputError('token', '***', 'it contains white space', 'the token alone, without "Bearer" or "token" before it');
  return { origin: new URL(baseUrl).origin, authorization: `Bearer ${token}` };
}
