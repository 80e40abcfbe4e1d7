import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionLog } from '../../../src/action/core-log.js';
import { openStep, type RunnerStep } from './runner-files.js';

describe('actionLog', () => {
  // @actions/core keeps the first summary file it finds for the whole process: one for the file.
  let summaryDir: string;
  let summary: string;
  let step: RunnerStep;
  beforeAll(() => {
    summaryDir = mkdtempSync(join(tmpdir(), 'gcb-summary-'));
    summary = join(summaryDir, 'step-summary.md');
  });
  afterAll(() => rmSync(summaryDir, { recursive: true, force: true }));
  beforeEach(() => {
    writeFileSync(summary, '');
    step = openStep({ GITHUB_STEP_SUMMARY: summary });
  });
  afterEach(() => step.close());

  it('writes log lines, warnings, debug lines and masks as the runner reads them', () => {
    const log = actionLog();
    log.info('building linux/arm64');
    log.warning('cache for linux/arm64 not restored: 50% done\nthen stopped');
    log.debug('GOCACHE=/t/gocache');
    log.secret('s3cr3t');
    expect(step.lines()).toEqual([
      'building linux/arm64',
      '::warning::cache for linux/arm64 not restored: 50%25 done%0Athen stopped',
      '::debug::GOCACHE=/t/gocache',
      '::add-mask::s3cr3t',
    ]);
  });

  it('annotates a problem in the user code at its file, line and column', () => {
    actionLog().annotate('undefined: foo', { title: 'go build linux/arm64', file: 'cmd/app/main.go', startLine: 12, startColumn: 3 });
    actionLog().annotate('directive failed', { title: 'go generate' });
    expect(step.lines()).toEqual([
      '::error title=go build linux/arm64,file=cmd/app/main.go,line=12,col=3::undefined: foo',
      '::error title=go generate::directive failed',
    ]);
  });

  it('groups what a function logs, returns its value, and closes the group when it throws', async () => {
    const log = actionLog();
    const inside = () => {
      log.info('inside');
      return Promise.resolve(42);
    };
    await expect(log.group('Install', inside)).resolves.toBe(42);
    await expect(log.group('Fails', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(step.lines()).toEqual(['::group::Install', 'inside', '::endgroup::', '::group::Fails', '::endgroup::']);
  });

  it('prints a section of finished output as one group', () => {
    actionLog().section('go build linux/amd64 (ok, 2.1 s)', ['line one', '', 'line three']);
    expect(step.lines()).toEqual(['::group::go build linux/amd64 (ok, 2.1 s)', 'line one', '', 'line three', '::endgroup::']);
  });

  it('keeps summary blocks in order and writes them once, at flush: headings, tables with a header row, HTML text', async () => {
    const log = actionLog();
    log.summary(
      { heading: 'go-crossbuild' },
      {
        table: [
          ['target', 'result'],
          ['linux/amd64', '<code>ok</code>'],
        ],
      },
    );
    log.summary({ text: '<p>2 targets</p>' });
    expect(readFileSync(summary, 'utf8')).toBe(''); // nothing before flush
    await log.flush();
    const written = readFileSync(summary, 'utf8');
    expect(written.replace(/\r?\n/g, '\n')).toBe(
      '<h3>go-crossbuild</h3>\n' +
        '<table><tr><th>target</th><th>result</th></tr><tr><td>linux/amd64</td><td><code>ok</code></td></tr></table>\n' +
        '<p>2 targets</p>\n',
    );
    // The blocks were taken: a second flush (main's finally after a failure) writes nothing again.
    await log.flush();
    expect(readFileSync(summary, 'utf8')).toBe(written);
    expect(step.stdout).toEqual([]);
  });

  it('does not touch the summary when there is nothing to say, or no summary file on this runner', async () => {
    const empty = actionLog();
    await empty.flush();
    expect(readFileSync(summary, 'utf8')).toBe('');

    delete process.env.GITHUB_STEP_SUMMARY;
    const log = actionLog();
    log.summary({ heading: 'kept' });
    await expect(log.flush()).resolves.toBeUndefined();
    expect(readFileSync(summary, 'utf8')).toBe('');
    // Each log keeps its own blocks: another log's flush does not write these.
    process.env.GITHUB_STEP_SUMMARY = summary;
    await empty.flush();
    expect(readFileSync(summary, 'utf8')).toBe('');
    await log.flush();
    expect(readFileSync(summary, 'utf8')).toMatch(/^<h3>kept<\/h3>\r?\n$/);
  });
});
