// Every input read and validated into one typed object, before anything is downloaded or written.
import { isAbsolute, resolve } from 'node:path';
import { InputError } from './errors.js';
import { parsePins, type Pins } from './toolchain/pins.js';
import { ARCHITECTURE_NAMES, goarchOf, type Platform } from './toolchain/platform.js';
import { readVersionFile } from './toolchain/version-file.js';
import { isProblem, parseVersionSpec, type VersionSpec } from './toolchain/version.js';

export const DEFAULT_BASE_URL = 'https://go.dev/dl';

export interface Inputs {
  spec: VersionSpec;
  /** Where the spec came from, for logs and errors: `go-version` or `go-version-file`. */
  specInput: 'go-version' | 'go-version-file';
  specValue: string;
  pins: Pins;
  baseUrl: string;
  checkLatest: boolean;
  /** The platform the toolchain runs on: the runner's OS with `architecture` or the runner's arch. */
  platform: Platform;
  workingDirectory: string;
  warnings: string[];
}

export interface InputSource {
  /** The raw input, '' when unset (as @actions/core reads INPUT_*). */
  get(name: string): string;
  env: Record<string, string | undefined>;
  cwd: string;
  host: Platform;
  /** Reads a text file; undefined when it does not exist or is not a file. */
  readText(path: string): string | undefined;
  isDirectory(path: string): boolean;
}

export function readInputs(src: InputSource): Inputs {
  const warnings: string[] = [];
  const version = src.get('go-version').trim();
  const versionFile = src.get('go-version-file').trim();
  let spec: VersionSpec;
  let specInput: Inputs['specInput'];
  let specValue: string;
  if (version) {
    if (versionFile) warnings.push(`Both go-version (${version}) and go-version-file (${versionFile}) are set; using go-version.`);
    const parsed = parseVersionSpec(version);
    if (isProblem(parsed)) throw new InputError('go-version', version, parsed.problem, VERSION_ALLOWED);
    [spec, specInput, specValue] = [parsed, 'go-version', version];
  } else if (versionFile) {
    const path = resolve(src.cwd, versionFile);
    const text = src.readText(path);
    if (text === undefined) {
      throw new InputError(
        'go-version-file',
        versionFile,
        `no such file (looked at ${path})`,
        'a path, relative to the workspace, of go.mod, go.work, .go-version or .tool-versions',
      );
    }
    const found = readVersionFile(path, text);
    if ('problem' in found) throw new InputError('go-version-file', versionFile, found.problem, VERSION_FILE_ALLOWED);
    const parsed = parseVersionSpec(found.spec);
    if (isProblem(parsed)) {
      throw new InputError('go-version-file', versionFile, `"${found.line}": ${parsed.problem}`, VERSION_FILE_ALLOWED);
    }
    [spec, specInput, specValue] = [parsed, 'go-version-file', `${versionFile} (${found.line})`];
  } else {
    throw new InputError(
      'go-version',
      '',
      'neither go-version nor go-version-file is set',
      `go-version (${VERSION_ALLOWED}) or go-version-file (go.mod, go.work, .go-version, .tool-versions)`,
    );
  }

  const pinsText = src.get('go-sha256');
  const pins = parsePins(pinsText);
  if ('problem' in pins)
    throw new InputError(
      'go-sha256',
      pinsText.trim(),
      pins.problem,
      'one SHA-256 (64 hex digits), or lines "HASH  FILENAME" as sha256sum prints them',
    );

  const baseUrl = readBaseUrl(src);
  const checkLatest = readBoolean(src, 'check-latest', false);

  const arch = src.get('architecture').trim();
  let platform = src.host;
  if (arch) {
    const goarch = goarchOf(arch);
    if (!goarch) throw new InputError('architecture', arch, 'unknown architecture', ARCHITECTURE_NAMES.join(', '));
    platform = { goos: src.host.goos, goarch };
  }

  const wd = src.get('working-directory').trim() || '.';
  const workingDirectory = isAbsolute(wd) ? wd : resolve(src.cwd, wd);
  if (!src.isDirectory(workingDirectory)) {
    throw new InputError(
      'working-directory',
      wd,
      `no such directory (looked at ${workingDirectory})`,
      'a directory of the checkout, relative to the workspace',
    );
  }

  return { spec, specInput, specValue, pins, baseUrl, checkLatest, platform, workingDirectory, warnings };
}

const VERSION_ALLOWED = 'an exact version (1.24.4, go1.24.4, 1.25rc1), a range (1.24, ^1.23, ">=1.22 <1.24"), stable or oldstable';
const VERSION_FILE_ALLOWED =
  'go.mod or go.work with a "go 1.X[.Y]" or "toolchain go1.X.Y" line, .tool-versions with a "golang 1.X.Y" line, or .go-version holding a version';

function readBaseUrl(src: InputSource): string {
  const fromInput = src.get('go-download-base-url').trim();
  const raw = fromInput || src.env.GO_DOWNLOAD_BASE_URL?.trim() || DEFAULT_BASE_URL;
  const name = fromInput || !src.env.GO_DOWNLOAD_BASE_URL ? 'go-download-base-url' : 'go-download-base-url (from env GO_DOWNLOAD_BASE_URL)';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(name, raw, 'not a URL', 'an http(s) URL of a go.dev/dl mirror, such as https://go.dev/dl');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      name,
      raw,
      `the scheme ${url.protocol} is not supported`,
      'an http(s) URL of a go.dev/dl mirror, such as https://go.dev/dl',
    );
  }
  if (url.username || url.password) {
    throw new InputError(
      name,
      `${url.protocol}//***@${url.host}${url.pathname}`,
      'credentials in the URL would be logged and sent with every request',
      'a mirror URL without user:password (reach private mirrors through HTTPS_PROXY)',
    );
  }
  if (url.search || url.hash) {
    throw new InputError(
      name,
      raw,
      'a base URL takes no query or fragment (the action adds ?mode=json&include=all)',
      'an http(s) URL of a go.dev/dl mirror, such as https://go.dev/dl',
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them. */
function readBoolean(src: InputSource, name: string, dflt: boolean): boolean {
  const raw = src.get(name).trim();
  if (raw === '') return dflt;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(name, raw, 'not a boolean', 'true or false');
}
