import { Pipeline } from '../../../src/lib/pipeline.js';

describe('Pipeline', () => {
  const steps = Pipeline.over<{ n: number }>()
    .then('double', ({ n }) => ({ doubled: n * 2 }))
    .do('check', ({ doubled }) => {
      if (doubled > 100) throw new Error(`too big: ${doubled}`);
    })
    .then('describe', async ({ n, doubled }) => ({ text: `${n} → ${doubled}` }));

  it('runs the steps in order, each given what the earlier ones returned', async () => {
    expect(await steps.run({ n: 4 })).toEqual({ n: 4, doubled: 8, text: '4 → 8' });
  });

  it('names its steps in order, and tells each name before the step runs', async () => {
    expect(steps.names).toEqual(['double', 'check', 'describe']);
    const heard: string[] = [];
    await steps.run({ n: 1 }, (name) => heard.push(name));
    expect(heard).toEqual(['double', 'check', 'describe']);
  });

  it('stops at the step that throws: no later step runs', async () => {
    const heard: string[] = [];
    await expect(steps.run({ n: 60 }, (name) => heard.push(name))).rejects.toThrow('too big: 120');
    expect(heard).toEqual(['double', 'check']);
  });

  it('lets a later step replace what an earlier one returned', async () => {
    const replaced = Pipeline.over<{ n: number }>()
      .then('first', () => ({ v: 'a' }))
      .then('second', ({ v }) => ({ v: `${v}b` }));
    expect(await replaced.run({ n: 0 })).toEqual({ n: 0, v: 'ab' });
  });

  it('is immutable: adding a step makes a new pipeline', () => {
    const base = Pipeline.over<{ n: number }>().then('one', () => ({ a: 1 }));
    const longer = base.then('two', () => ({ b: 2 }));
    expect(base.names).toEqual(['one']);
    expect(longer.names).toEqual(['one', 'two']);
  });
});
