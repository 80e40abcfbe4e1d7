// A file:// GOPROXY serving one module version from a directory, for `go run pkg@version`
// directives without any network.
import { createWriteStream, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';

/** Serves `module@version` with the files of `src`, under `dir`; returns the GOPROXY value. */
export async function fileProxy(dir: string, module: string, version: string, src: string): Promise<string> {
  const at = join(dir, ...module.split('/'), '@v');
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, 'list'), `${version}\n`);
  writeFileSync(join(at, `${version}.info`), JSON.stringify({ Version: version, Time: '2024-01-01T00:00:00Z' }));
  writeFileSync(join(at, `${version}.mod`), readFileSync(join(src, 'go.mod')));
  const zip = new yazl.ZipFile();
  for (const f of readdirSync(src)) zip.addFile(join(src, f), `${module}@${version}/${f}`);
  zip.end();
  const out = createWriteStream(join(at, `${version}.zip`));
  zip.outputStream.pipe(out);
  await new Promise<void>((resolve) => out.on('close', () => resolve()));
  return `file://${dir}`;
}
