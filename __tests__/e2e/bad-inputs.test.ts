// The end-to-end contract of a bad input, through the bundled action as the runner runs it: exactly one
// ::error naming the input and the value, exit code 1, no download, nothing left in the tool cache
// or output-dir, nothing exported, no secret said. Run for the inputs refused late (by the index, the ports or the
// module) and for one row per other error path; the unit tests run the whole corpus through
// readInputs (__tests__/support/bad-inputs.ts).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_INPUTS } from '../support/bad-inputs.ts';
import { mirroredFixture, newRunner, runAction, toolCacheTree } from '../support/fixtures.ts';

const { mirror } = await mirroredFixture();

describe('bad input', () => {
  it.each(Object.entries(BAD_INPUTS).filter(([, c]) => c.late || c.e2e))('%s', async (_name, c) => {
    const runner = newRunner();
    for (const [name, text] of Object.entries(c.files ?? {})) {
      mkdirSync(join(runner.workspace, name, '..'), { recursive: true });
      writeFileSync(join(runner.workspace, name), text);
    }
    const downloads = mirror.downloads().length;
    const res = await runAction(runner, { inputs: { 'go-download-base-url': mirror.url, ...c.inputs }, env: c.env ?? {} });
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(
      new RegExp(`^::error title=Invalid input ${c.input.replace(/[()]/g, '\\$&')}::Input ${c.input.replace(/[()]/g, '\\$&')} = `),
    );
    for (const s of c.says) expect(res.errors[0]).toContain(s);
    expect(mirror.downloads().length).toBe(downloads);
    expect(toolCacheTree(runner)).toEqual([]);
    expect(res.env).toEqual({});
    expect(res.path).toEqual([]);
    expect(res.outputs).toEqual({});
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false); // nothing in output-dir
    // The runner learns secrets from ::add-mask:: lines; nothing else may say them.
    const said = `${res.stdout}\n${res.stderr}`.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    for (const secret of c.never ?? []) expect(said.filter((l) => l.includes(secret))).toEqual([]);
  });
});
