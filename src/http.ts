// HTTP for the release index and archives: @actions/http-client for transport and proxies, p-retry for
// retrying 5xx, 408, 429, timeouts and dropped connections with backoff. No credentials are ever
// attached: none of these hosts is GitHub's.
import { HttpClient } from '@actions/http-client';
import type { IncomingMessage } from 'node:http';
import pRetry, { AbortError } from 'p-retry';

export const ATTEMPTS = 3;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * How long a download may receive nothing before the attempt is given up (and retried): a hung
 * mirror costs at most ATTEMPTS stalls. GO_CROSSBUILD_STALL_TIMEOUT_SECONDS overrides it.
 */
export function stallTimeoutMs(env: NodeJS.ProcessEnv): number {
  const s = Number(env.GO_CROSSBUILD_STALL_TIMEOUT_SECONDS);
  return Number.isFinite(s) && s > 0 ? s * 1000 : SOCKET_TIMEOUT_MS;
}

/** How many attempts an error from withRetries took. */
export function attemptsOf(e: unknown): number {
  const n = (e as { attempts?: unknown } | undefined)?.attempts;
  return typeof n === 'number' && n > 0 ? n : 1;
}

export function newHttpClient(): HttpClient {
  return new HttpClient('go-crossbuild', [], { socketTimeout: SOCKET_TIMEOUT_MS, allowRetries: false });
}

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
  const code = (e as { code?: string } | undefined)?.code;
  return typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_\w+)$/.test(code) && code !== 'ENOENT' && code !== 'EACCES';
}

/** GET that resolves to the response stream once the status is 200. */
export async function getStream(client: HttpClient, url: string): Promise<IncomingMessage> {
  const res = await client.get(url);
  const status = res.message.statusCode ?? 0;
  if (status !== 200) {
    res.message.resume(); // drain, so the socket is freed
    throw new HttpStatusError(url, status);
  }
  return res.message;
}
