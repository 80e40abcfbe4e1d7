// A Go binary's embedded build info, read from what the toolchain prints of it: `go version -m`
// (text, every Go) or `go version -m -json` (Go 1.25 on). Pure: gobuild/buildinfo-verifier.ts runs go.
//
// The text is runtime/debug's BuildInfo.String() behind a `FILE: goVERSION` line, every line after
// it indented by a tab: `path`, `mod` and `dep` lines, `=>` under a replaced module (then a blank
// line), and `build KEY=VALUE` lines whose key or value Go quotes (strconv.Quote) when it holds a
// space, tab, quote or `=`. The JSON is the same BuildInfo marshalled with Go 1.25's omitempty tags.
import type { Problem } from '../lib/problem.js';

export interface GoModule {
  path: string;
  /** `v1.2.3`, a pseudo-version, or `(devel)`; '' for a directory replacement without one. */
  version: string;
  /** The `h1:` hash go.sum holds for the module's files; '' when Go has none (directories, main). */
  sum: string;
  /** What the module was replaced by: another module, or a directory (`./lib`, `../fork`). */
  replace?: GoModule;
}

export interface BuildInfo {
  /** What the toolchain's runtime.Version() said: `go1.24.4`, maybe with ` X:experiment` after it. */
  goVersion: string;
  /** The main package's import path. */
  path: string;
  /** The main module; undefined for a binary built outside module mode. */
  main?: GoModule;
  deps: GoModule[];
  /** In the order Go recorded them: `-buildmode`, …, `GOOS`, the variant, `vcs.*`. */
  settings: { key: string; value: string }[];
}

/** A setting's value, or undefined when the binary records no such setting. */
export function setting(info: BuildInfo, key: string): string | undefined {
  return info.settings.find((s) => s.key === key)?.value;
}

/** `go version -m FILE` output. */
export function parseBuildInfoText(text: string): BuildInfo | Problem {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const head = lines[0] ?? '';
  // The file name comes first and may hold anything; the Go version holds no ": ".
  const at = head.lastIndexOf(': ');
  if (at < 0) return { problem: `the first line ${JSON.stringify(head)} is not "FILE: goVERSION"` };
  const info: BuildInfo = { goVersion: head.slice(at + 2).trim(), path: '', deps: [], settings: [] };
  let last: GoModule | undefined;
  for (const [i, raw] of lines.slice(1).entries()) {
    if (raw.trim() === '') continue; // the blank line after a replacement, the final newline
    if (!raw.startsWith('\t')) return { problem: `line ${i + 2} ${JSON.stringify(raw)} is not indented by a tab` };
    const line = raw.slice(1);
    const tab = line.indexOf('\t');
    const [word, rest] = tab < 0 ? [line, ''] : [line.slice(0, tab), line.slice(tab + 1)];
    const where = `line ${i + 2} (${word})`;
    if (word === 'path') info.path = rest;
    else if (word === 'mod' || word === 'dep') {
      const m = moduleOf(rest.split('\t'));
      if (!m) return { problem: `${where}: expected a module path, version and maybe a sum` };
      if (word === 'mod') info.main = m;
      else info.deps.push(m);
      last = m;
    } else if (word === '=>') {
      const m = moduleOf(rest.split('\t'));
      if (!m || !last) return { problem: `${where}: a replacement needs a module on the line before` };
      last.replace = m;
      last = undefined;
    } else if (word === 'build') {
      const kv = parseSetting(rest);
      if ('problem' in kv) return { problem: `${where}: ${kv.problem}` };
      info.settings.push(kv);
    }
    // Other words: lines a later Go may add; runtime/debug skips them too.
  }
  return info;
}

/** `go version -m -json FILE` output. */
export function parseBuildInfoJson(text: string): BuildInfo | Problem {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { problem: `not JSON: ${(e as Error).message}` };
  }
  if (!isObject(raw)) return { problem: 'not a JSON object' };
  const str = (o: Record<string, unknown>, k: string) => (typeof o[k] === 'string' ? (o[k] as string) : o[k] == null ? '' : undefined);
  const mod = (o: unknown): GoModule | undefined => {
    if (!isObject(o)) return undefined;
    const [path, version, sum] = [str(o, 'Path'), str(o, 'Version'), str(o, 'Sum')];
    if (path === undefined || version === undefined || sum === undefined) return undefined;
    const m: GoModule = { path, version, sum };
    if (o.Replace != null) {
      const r = mod(o.Replace);
      if (!r) return undefined;
      m.replace = r;
    }
    return m;
  };
  const goVersion = str(raw, 'GoVersion');
  const path = str(raw, 'Path');
  if (goVersion === undefined || path === undefined) return { problem: 'GoVersion or Path is not a string' };
  const main = raw.Main == null ? { path: '', version: '', sum: '' } : mod(raw.Main);
  if (!main) return { problem: 'Main is not a module' };
  const deps = raw.Deps == null ? [] : Array.isArray(raw.Deps) ? raw.Deps.map(mod) : [undefined];
  if (deps.some((d) => d === undefined)) return { problem: 'Deps is not a list of modules' };
  const settings = raw.Settings == null ? [] : Array.isArray(raw.Settings) ? raw.Settings : [undefined];
  const kvs = settings.map((s: unknown) => (isObject(s) ? { key: str(s, 'Key'), value: str(s, 'Value') } : {}));
  if (kvs.some((s) => s.key === undefined || s.value === undefined)) return { problem: 'Settings is not a list of {Key, Value}' };
  return {
    goVersion,
    path,
    // Go marshals an empty Main ({}) for a binary built outside module mode, as the text leaves out its mod line.
    ...(main.path ? { main } : {}),
    deps: deps as GoModule[],
    settings: kvs as { key: string; value: string }[],
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `PATH VERSION [SUM]`: Go writes the sum column, maybe empty, unless the module was replaced. */
function moduleOf(cols: string[]): GoModule | undefined {
  if (cols.length < 2 || cols.length > 3 || !cols[0]) return undefined;
  return { path: cols[0], version: cols[1], sum: cols[2] ?? '' };
}

/** `KEY=VALUE`, either side possibly a Go-quoted string. */
function parseSetting(kv: string): { key: string; value: string } | Problem {
  let key: string;
  let rest: string;
  if (kv.startsWith('"') || kv.startsWith('`')) {
    const q = quotedPrefix(kv);
    if (q === undefined) return { problem: `unterminated quoted key in ${JSON.stringify(kv)}` };
    const unq = unquoteGo(q);
    if ('problem' in unq) return unq;
    key = unq.value;
    rest = kv.slice(q.length);
    if (!rest.startsWith('=')) return { problem: `no "=" after the quoted key in ${JSON.stringify(kv)}` };
    rest = rest.slice(1);
  } else {
    const eq = kv.indexOf('=');
    if (eq <= 0) return { problem: `not KEY=VALUE: ${JSON.stringify(kv)}` };
    [key, rest] = [kv.slice(0, eq), kv.slice(eq + 1)];
  }
  if (rest.startsWith('"') || rest.startsWith('`')) {
    const unq = quotedPrefix(rest) === rest ? unquoteGo(rest) : { problem: `text after the quoted value in ${JSON.stringify(kv)}` };
    if ('problem' in unq) return unq;
    return { key, value: unq.value };
  }
  return { key, value: rest };
}

/** The Go string literal at the start of `s` (`"…"` with escapes, or `` `…` ``), undefined if unterminated. */
function quotedPrefix(s: string): string | undefined {
  const q = s[0];
  for (let i = 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) return s.slice(0, i + 1);
  }
  return undefined;
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34, "'": 39 };

/**
 * strconv.Unquote for what strconv.Quote writes: `\xHH` and octal escapes are bytes (Go quotes
 * invalid UTF-8 that way), `\u`/`\U` are code points; the bytes are then read as UTF-8.
 */
export function unquoteGo(lit: string): { value: string } | Problem {
  if (lit.length >= 2 && lit[0] === '`' && lit.at(-1) === '`') return { value: lit.slice(1, -1) };
  if (lit.length < 2 || lit[0] !== '"' || lit.at(-1) !== '"') return { problem: `not a Go string literal: ${lit}` };
  const body = lit.slice(1, -1);
  const bytes: number[] = [];
  const bad = () => ({ problem: `bad escape in ${lit}` });
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      if (cp > 0xffff) i++;
      bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
      continue;
    }
    const e = body[++i];
    if (e === undefined) return bad();
    if (e in SIMPLE_ESCAPES) bytes.push(SIMPLE_ESCAPES[e]);
    else if (e === 'x') {
      if (!/^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) return bad();
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (/[0-7]/.test(e)) {
      if (!/^[0-7]{3}$/.test(body.slice(i, i + 3))) return bad();
      bytes.push(parseInt(body.slice(i, i + 3), 8) & 0xff);
      i += 2;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex) || parseInt(hex, 16) > 0x10ffff) return bad();
      bytes.push(...Buffer.from(String.fromCodePoint(parseInt(hex, 16)), 'utf8'));
      i += n;
    } else return bad();
  }
  return { value: Buffer.from(bytes).toString('utf8') };
}

const BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');

/**
 * The build info a Go 1.18+ binary carries, read from its bytes as `go version -m` reads it, for
 * where no Go is at hand (merge mode): the 32-byte header after the magic, then the Go version and
 * the module text, each a uvarint length and the bytes (the inline form since Go 1.18). The module
 * text is runtime/debug's BuildInfo.String() between two 16-byte markers.
 */
export function embeddedBuildInfo(binary: Buffer): BuildInfo | Problem {
  let at = binary.indexOf(BUILDINFO_MAGIC);
  while (at >= 0 && at % 16 !== 0) at = binary.indexOf(BUILDINFO_MAGIC, at + 1);
  if (at < 0) return { problem: 'no Go build info in the binary' };
  if ((binary[at + 15] & 2) === 0) return { problem: 'the build info is in the pre-1.18 form, which this reader does not take' };
  let pos = at + 32;
  const str = (): string | undefined => {
    let n = 0;
    for (let shift = 0; pos < binary.length; shift += 7) {
      const b = binary[pos++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return pos + n <= binary.length ? binary.toString('utf8', pos, (pos += n)) : undefined;
    }
    return undefined;
  };
  const version = str();
  let mod = str();
  if (version === undefined || mod === undefined) return { problem: 'the build info runs past the end of the binary' };
  if (mod.length >= 33 && mod[mod.length - 17] === '\n') mod = mod.slice(16, -16);
  return parseBuildInfoText(`binary: ${version}\n${mod.replace(/\n$/, '').replace(/^/gm, '\t')}\n`);
}
