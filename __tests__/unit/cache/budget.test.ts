import { budget, spent, timedOut, timeoutMs } from '../../../src/cache/budget.js';

describe('budget', () => {
  it('counts down one budget for the whole step', () => {
    let now = 1_000;
    const left = budget(8_000, () => now);
    expect(left()).toBe(8_000);
    now += 7_999;
    expect(left()).toBe(1);
    now += 1;
    expect(left()).toBe(0);
  });
});

describe("the step's cache time", () => {
  it('comes from GO_CROSSBUILD_CACHE_TIMEOUT_SECONDS, else 600 s', () => {
    expect(timeoutMs({})).toBe(600_000);
    expect(timeoutMs({ GO_CROSSBUILD_CACHE_TIMEOUT_SECONDS: '8' })).toBe(8_000);
    expect(timeoutMs({ GO_CROSSBUILD_CACHE_TIMEOUT_SECONDS: 'soon' })).toBe(600_000);
    expect(timeoutMs({ GO_CROSSBUILD_CACHE_TIMEOUT_SECONDS: '-1' })).toBe(600_000);
  });

  it('is named in both messages', () => {
    expect(timedOut('restoring the modules cache', 8_000)).toBe("restoring the modules cache timed out (the step's cache time is 8 s)");
    expect(spent(8_000)).toBe("the step's cache time of 8 s is spent");
  });
});
