// HTTP for the release index, toolchain archives and cache archives: @actions/http-client for
// transport and proxies, p-retry for retrying 5xx, 408, 429, timeouts and dropped connections with
// backoff. Nothing here attaches credentials; only the cache lookup (cache/service.ts) sends the
// runner's token, and only to the cache service's own URL.
import { HttpClient } from '@actions/http-client';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import pRetry, { AbortError } from 'p-retry';

export const ATTEMPTS = 3;
const DEFAULT_STALL_MS = 30_000;

/**
 * The stall window: a download that receives less than LOW_SPEED_BYTES within it is given up (and
 * retried), so a hung or trickling mirror costs at most ATTEMPTS windows.
 * GO_CROSSBUILD_STALL_TIMEOUT_SECONDS overrides it.
 */
export function stallTimeoutMs(env: NodeJS.ProcessEnv): number {
  const s = Number(env.GO_CROSSBUILD_STALL_TIMEOUT_SECONDS);
  return Number.isFinite(s) && s > 0 ? s * 1000 : DEFAULT_STALL_MS;
}

/** How many attempts an error from withRetries took. */
export function attemptsOf(e: unknown): number {
  const n = (e as { attempts?: unknown } | undefined)?.attempts;
  return typeof n === 'number' && n > 0 ? n : 1;
}

/** A credential for one mirror: sent as `Authorization` to `origin` (scheme, host and port) only. */
export interface MirrorAuth {
  origin: string;
  authorization: string;
}

/** The credential of each client that has one; getStream sends it, and only to its origin. */
const credentials = new WeakMap<HttpClient, MirrorAuth>();

/**
 * A client whose requests give up after `stallMs` without an answer (see withRetries). It follows
 * no redirect by itself: getStream does, so that a credential never follows one to another origin.
 */
export function newHttpClient(stallMs: number, auth?: MirrorAuth): HttpClient {
  const client = new HttpClient('go-crossbuild', [], { socketTimeout: stallMs, allowRetries: false, allowRedirects: false });
  if (auth) credentials.set(client, auth);
  return client;
}

const MAX_REDIRECTS = 10;

/** An HTTP status worth retrying: the server may answer next time. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export class HttpStatusError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${url} answered HTTP ${status}`);
  }
}

/**
 * Runs `attempt` up to ATTEMPTS times. A retryable HttpStatusError or a network error is retried;
 * any other error (4xx, a checksum mismatch) ends at once.
 */
export async function withRetries<T>(what: string, attempt: () => Promise<T>, onRetry: (msg: string) => void): Promise<T> {
  let attempts = 0;
  return pRetry(
    async () => {
      attempts++;
      try {
        return await attempt();
      } catch (e) {
        if (e instanceof HttpStatusError && !isRetryableStatus(e.status)) throw new AbortError(e);
        if (!(e instanceof HttpStatusError) && !isNetworkError(e)) throw new AbortError(e as Error);
        throw e;
      }
    },
    {
      retries: ATTEMPTS - 1,
      minTimeout: 500,
      factor: 2,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0) onRetry(`${what}: attempt ${attemptNumber} failed (${error.message}); retrying`);
      },
    },
  ).catch((e: unknown) => {
    // The final error says how many attempts it took (attemptsOf).
    if (e instanceof Error) Object.assign(e, { attempts });
    throw e;
  });
}

export class NetworkError extends Error {}

function isNetworkError(e: unknown): boolean {
  if (e instanceof NetworkError) return true;
  // @actions/http-client's socket timeout: a server that took the request and never answered.
  if (e instanceof Error && e.message.startsWith('Request timeout: ')) return true;
  const code = (e as { code?: string } | undefined)?.code;
  return typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_\w+)$/.test(code) && code !== 'ENOENT' && code !== 'EACCES';
}

/**
 * GET that resolves to the response stream once the status is 200, following redirects (go.dev/dl
 * sends archives to another host). The client's credential goes only to its own origin, and an
 * https URL is never followed to http.
 */
export async function getStream(client: HttpClient, url: string): Promise<IncomingMessage> {
  const auth = credentials.get(client);
  let at = new URL(url);
  for (let hops = 0; ; hops++) {
    const res = await client.get(at.href, auth && at.origin === auth.origin ? { authorization: auth.authorization } : {});
    const status = res.message.statusCode ?? 0;
    const location = res.message.headers.location;
    if (status === 200) return res.message;
    res.message.resume(); // drain, so the socket is freed
    if (status < 300 || status > 399 || !location || hops >= MAX_REDIRECTS) throw new HttpStatusError(url, status);
    const next = new URL(location, at);
    if (at.protocol === 'https:' && next.protocol !== 'https:') throw new HttpStatusError(url, status);
    at = next;
  }
}

/** Bytes that must arrive within every stall window (curl's --speed-limit): a trickle is a stall. */
export const LOW_SPEED_BYTES = 100 * 1024;

/**
 * Watches a download's progress: `onStall` is called once fewer than LOW_SPEED_BYTES arrived within
 * `stallMs`. A mirror that trickles a byte now and then would otherwise hold the job until its
 * timeout, since no socket ever goes idle.
 */
export class StallWatch {
  private timer: NodeJS.Timeout | undefined;
  private got = 0;
  /** Why the download was given up, once it was. */
  stalled: string | undefined;

  constructor(
    private readonly stallMs: number,
    private readonly onStall: (why: string) => void,
  ) {
    this.arm();
  }

  progress(bytes: number): void {
    this.got += bytes;
    if (this.got >= LOW_SPEED_BYTES) this.arm();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.got = 0;
    this.timer = setTimeout(() => {
      const s = this.stallMs / 1000;
      this.stalled =
        this.got === 0 ? `nothing received for ${s} s` : `only ${this.got} bytes received in ${s} s (at least ${LOW_SPEED_BYTES} expected)`;
      this.onStall(this.stalled);
    }, this.stallMs);
  }
}

/**
 * Downloads `url` into `dest` once: fails on a status other than 200, on a stall (StallWatch), on
 * fewer bytes than Content-Length, and when `signal` aborts (the response is destroyed, so nothing
 * goes on writing). Returns the bytes written.
 */
export async function downloadFile(client: HttpClient, url: string, dest: string, stallMs: number, signal: AbortSignal): Promise<number> {
  const res = await abortable(getStream(client, url), signal);
  let bytes = 0;
  let why: string | undefined;
  const stop = (reason: string) => {
    why ??= reason;
    res.destroy(new NetworkError(reason));
  };
  const watch = new StallWatch(stallMs, stop);
  const onAbort = () => stop('aborted');
  signal.addEventListener('abort', onAbort);
  const out = createWriteStream(dest);
  try {
    for await (const chunk of res) {
      watch.progress((chunk as Buffer).length);
      bytes += (chunk as Buffer).length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } catch (e) {
    throw new NetworkError(`download ended after ${bytes} bytes: ${why ?? (e as Error).message}`);
  } finally {
    watch.stop();
    signal.removeEventListener('abort', onAbort);
    out.end();
    await once(out, 'close').catch(() => undefined);
  }
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && bytes !== declared) throw new NetworkError(`download ended after ${bytes} of ${declared} bytes`);
  return bytes;
}

/** `p`, or a rejection as soon as `signal` aborts. */
export function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
