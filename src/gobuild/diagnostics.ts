// Compiler and vet messages in a build log → file/line/column annotations. Pure.
import { isAbsolute, relative, resolve } from 'node:path';

export interface Diagnostic {
  /** Relative to the workspace, with forward slashes, as annotations want it. */
  file: string;
  line: number;
  column?: number;
  message: string;
}

const LINE = /^(?<file>[^\s:][^:]*\.go):(?<line>\d+)(?::(?<col>\d+))?: (?<message>.+)$/;

export function parseDiagnostics(log: string, cwd: string, workspace: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of log.split(/\r?\n/)) {
    const m = LINE.exec(raw.trim());
    if (!m?.groups) continue;
    const abs = isAbsolute(m.groups.file) ? m.groups.file : resolve(cwd, m.groups.file);
    out.push({
      file: relative(workspace, abs).split('\\').join('/'),
      line: Number(m.groups.line),
      column: m.groups.col ? Number(m.groups.col) : undefined,
      message: m.groups.message,
    });
  }
  return out;
}

/** One annotation per distinct message, naming every build that hit it. */
export function mergeDiagnostics(per: { id: string; diagnostics: Diagnostic[] }[]): (Diagnostic & { ids: string[] })[] {
  const by = new Map<string, Diagnostic & { ids: string[] }>();
  for (const { id, diagnostics } of per) {
    for (const d of diagnostics) {
      const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
      const seen = by.get(key);
      if (seen) seen.ids.push(id);
      else by.set(key, { ...d, ids: [id] });
    }
  }
  return [...by.values()];
}
