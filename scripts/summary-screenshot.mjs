#!/usr/bin/env node
// npm run screenshot: docs/images/job-summary.png, the job summary of a real run as GitHub shows it.
// It runs `npm run demo` (the bundled action cross-building four targets with generate: per-target
// from a local mirror), keeps the GITHUB_STEP_SUMMARY file the action wrote, lays it out as GitHub
// lays out a job summary (Markdown with HTML; GitHub-like styles), and screenshots that page with
// headless Chromium, cropped to the summary.
//
// Usage: npm run screenshot [-- --summary FILE] [-- --out FILE]
//   --summary FILE  render this GITHUB_STEP_SUMMARY file instead of running the demo
//   --out FILE      where the PNG goes (default docs/images/job-summary.png)
// Needs Debian's chromium (or CHROMIUM=/path/to/chrome) and, for GitHub-like fonts, Liberation:
//   apt-get install -y --no-install-recommends chromium fonts-liberation2
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WIDTH = 1200; // CSS pixels: about the width GitHub gives a summary on a wide desktop screen
const SCALE = 2; // device pixels per CSS pixel, so that the picture stays sharp on high-density screens
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

const { values: args } = parseArgs({ options: { summary: { type: 'string' }, out: { type: 'string' } } });
const out = resolve(args.out ?? join(ROOT, 'docs', 'images', 'job-summary.png'));

const chromium = findChromium();
if (!chromium) {
  console.error(
    'No Chromium found. On Debian or Ubuntu: apt-get install -y --no-install-recommends chromium fonts-liberation2\n' +
      'Elsewhere, set CHROMIUM to a Chrome or Chromium executable.',
  );
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'gcb-screenshot-'));
try {
  let summaryFile = args.summary && resolve(args.summary);
  if (!summaryFile) {
    summaryFile = join(work, 'summary.md');
    console.log('Running npm run demo, keeping its job summary');
    const demo = spawnSync(process.execPath, [join(ROOT, 'scripts', 'demo.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, GO_CROSSBUILD_DEMO_SUMMARY: summaryFile },
    });
    if (demo.status !== 0) throw new Error(`the demo exited ${demo.status ?? demo.signal}`);
  }
  const summary = readFileSync(summaryFile, 'utf8');
  if (!summary.trim()) throw new Error(`${summaryFile} is empty: the run wrote no job summary`);

  const page = join(work, 'summary.html');
  writeFileSync(page, htmlPage(summary));
  const url = pathToFileURL(page).href;

  // First pass: the page measures its summary card; second pass: a window exactly that tall.
  const dom = runChromium(['--dump-dom', `--window-size=${WIDTH},2000`, url], work).stdout;
  const height = Number(/data-height="(\d+)"/.exec(dom)?.[1]);
  if (!height) throw new Error('Chromium did not lay out the page (no measured height in its DOM)');

  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  runChromium([`--screenshot=${out}`, `--window-size=${WIDTH},${height}`, `--force-device-scale-factor=${SCALE}`, url], work);
  const size = statSync(out, { throwIfNoEntry: false })?.size;
  if (!size) throw new Error(`Chromium wrote no ${out}`);
  console.log(`Wrote ${out} (${WIDTH * SCALE}x${height * SCALE} px, ${(size / 1024).toFixed(0)} KiB) in ${seconds()}`);
} catch (e) {
  console.error(`screenshot failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

function findChromium() {
  const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM] : ['chromium', 'chromium-browser', 'google-chrome'];
  return candidates.find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
}

function runChromium(extra, work) {
  const res = spawnSync(
    chromium,
    [
      '--headless',
      // Chromium refuses to run as root inside its sandbox; the page is a local file this script wrote.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--hide-scrollbars',
      '--no-first-run',
      `--user-data-dir=${join(work, 'profile')}`,
      ...extra,
    ],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  if (res.status !== 0) throw new Error(`${chromium} exited ${res.status ?? res.signal}: ${(res.stderr || '').trim().slice(-2000)}`);
  return res;
}

/**
 * The summary file as GitHub renders it: Markdown in which the action writes HTML blocks (headings,
 * tables) and lines of text, already HTML-escaped by the action. In Markdown an HTML block runs to
 * the next blank line, so text right after a table stays inside that block as it is; text after a
 * blank line is a paragraph. The action writes no other Markdown.
 */
export function summaryHtml(markdown) {
  return markdown
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (block.startsWith('<') ? block : `<p>${block}</p>`))
    .join('\n');
}

function htmlPage(summary) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>job summary</title>
<style>
  html { background: #f6f8fa; }
  body { margin: 0; padding: 16px; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, "Liberation Sans", sans-serif; color: #1f2328; }
  .card { background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
  .card > header { padding: 16px 24px; border-bottom: 1px solid #d1d9e0; font-size: 16px; font-weight: 600; }
  .body { padding: 16px 24px; font-size: 16px; }
  .body > :first-child { margin-top: 0; }
  h3 { font-size: 1.25em; font-weight: 600; line-height: 1.25; margin: 24px 0 16px; }
  p { margin: 0 0 16px; }
  table { border-collapse: collapse; border-spacing: 0; display: block; width: max-content; max-width: 100%; overflow: auto; margin: 0 0 16px; font-variant-numeric: tabular-nums; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
  th { font-weight: 600; text-align: left; }
  tr { background: #fff; border-top: 1px solid #d1d9e0; }
  tr:nth-child(2n) { background: #f6f8fa; }
  code { font: 85% ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; background: rgba(129, 139, 152, 0.12); border-radius: 6px; padding: 0.2em 0.4em; white-space: nowrap; }
</style>
</head>
<body>
<div class="card">
<header>build summary</header>
<div class="body">
${summaryHtml(summary)}
</div>
</div>
<script>
  const card = document.querySelector('.card');
  document.body.dataset.height = String(Math.ceil(card.getBoundingClientRect().bottom + 16));
</script>
</body>
</html>
`;
}
