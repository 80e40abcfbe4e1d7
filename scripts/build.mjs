// Bundles the action into dist/ (committed; CI rebuilds it and fails on any difference), with
// dist/licenses.txt: the licences of the third-party packages the bundle contains.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { writeLicenses } from './licenses.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const { metafile } = await build({
  absWorkingDir: ROOT,
  entryPoints: { index: 'src/main.ts', post: 'src/post.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  // Some CommonJS dependencies call require() on Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
});
await writeLicenses(metafile, ROOT, `${ROOT}dist/licenses.txt`);
