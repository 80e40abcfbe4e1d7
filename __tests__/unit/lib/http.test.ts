import { attemptsOf, isRetryableStatus, LOW_SPEED_BYTES, StallWatch, stallTimeoutMs } from '../../../src/lib/http.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('StallWatch', () => {
  it('gives up when nothing arrives within the window', async () => {
    const seen: string[] = [];
    const w = new StallWatch(30, (why) => seen.push(why));
    await sleep(80);
    expect(seen).toEqual(['nothing received for 0.03 s']);
    expect(w.stalled).toBe('nothing received for 0.03 s');
  });

  it('treats a trickle below the low-speed limit as a stall', async () => {
    const seen: string[] = [];
    const w = new StallWatch(60, (why) => seen.push(why));
    w.progress(1024);
    await sleep(20);
    w.progress(1024);
    await sleep(100);
    expect(seen).toEqual([`only 2048 bytes received in 0.06 s (at least ${LOW_SPEED_BYTES} expected)`]);
  });

  it('starts a new window each time the low-speed limit is reached, and stops quietly', async () => {
    const seen: string[] = [];
    const w = new StallWatch(60, (why) => seen.push(why));
    for (let i = 0; i < 4; i++) {
      await sleep(30);
      w.progress(LOW_SPEED_BYTES);
    }
    w.stop();
    await sleep(100);
    expect(seen).toEqual([]);
    expect(w.stalled).toBeUndefined();
  });
});

describe('retry policy', () => {
  it.each([
    [500, true],
    [503, true],
    [429, true],
    [408, true],
    [404, false],
    [403, false],
  ])('HTTP %i retryable: %s', (status, retry) => expect(isRetryableStatus(status)).toBe(retry));

  it('counts the attempts an error took, one when it does not say', () => {
    expect(attemptsOf(Object.assign(new Error('x'), { attempts: 3 }))).toBe(3);
    expect(attemptsOf(new Error('x'))).toBe(1);
    expect(attemptsOf(Object.assign(new Error('x'), { attempts: 0 }))).toBe(1);
    expect(attemptsOf(undefined)).toBe(1);
  });
});

describe('stallTimeoutMs', () => {
  it('comes from GO_CROSSBUILD_STALL_TIMEOUT_SECONDS, else 30 s', () => {
    expect(stallTimeoutMs({})).toBe(30_000);
    expect(stallTimeoutMs({ GO_CROSSBUILD_STALL_TIMEOUT_SECONDS: '2.5' })).toBe(2_500);
    expect(stallTimeoutMs({ GO_CROSSBUILD_STALL_TIMEOUT_SECONDS: '0' })).toBe(30_000);
    expect(stallTimeoutMs({ GO_CROSSBUILD_STALL_TIMEOUT_SECONDS: 'slow' })).toBe(30_000);
  });
});
