// The step's cache time: one budget for all restores (or all saves) of a step, so a hung cache
// service costs it at most that long, however many caches there are.

export function timeoutMs(env: NodeJS.ProcessEnv): number {
  const s = Number(env.GO_CROSSBUILD_CACHE_TIMEOUT_SECONDS ?? 600);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 600_000;
}

/** The time left of a budget that starts now. */
export function budget(ms: number, now: () => number = Date.now): () => number {
  const end = now() + ms;
  return () => end - now();
}

export function timedOut(what: string, total: number): string {
  return `${what} timed out (the step's cache time is ${total / 1000} s)`;
}

export function spent(total: number): string {
  return `the step's cache time of ${total / 1000} s is spent`;
}

/** `p`, or an error once `ms` have passed (`total`, the whole budget, is what the message says). */
export function withTimeout<T>(p: Promise<T>, ms: number, total: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(timedOut(what, total))), ms))),
  ]).finally(() => clearTimeout(timer));
}
