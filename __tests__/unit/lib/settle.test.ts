import { allSettledOrThrow } from '../../../src/lib/settle.js';

describe('allSettledOrThrow', () => {
  it('gives every value in order', async () => {
    expect(await allSettledOrThrow<[number, string | undefined]>([Promise.resolve(1), Promise.resolve(undefined)])).toEqual([1, undefined]);
  });

  it('throws the first failure only after the other work finished', async () => {
    let finished = false;
    const slow = new Promise<number>((resolve) =>
      setTimeout(() => {
        finished = true;
        resolve(2);
      }, 50),
    );
    await expect(allSettledOrThrow<[number, number]>([Promise.reject(new Error('go failed')), slow])).rejects.toThrow('go failed');
    expect(finished).toBe(true);
  });
});
