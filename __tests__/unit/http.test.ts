import { LOW_SPEED_BYTES, StallWatch } from '../../src/http.js';

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
