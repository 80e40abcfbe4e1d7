// A go.dev/dl mirror on 127.0.0.1: `/?mode=json&include=all` and `/<file>`, with faults to inject.
// Every request is recorded (method, url, headers) so tests can count downloads and look for tokens.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file of a release. `path` is what the mirror serves; a file without one is listed, not served. */
export interface MirrorFile {
  filename: string;
  os?: string;
  arch?: string;
  kind?: string;
  sha256: string;
  path?: string;
}

export interface MirrorRelease {
  version: string;
  stable: boolean;
  files: MirrorFile[];
}

/** Faults to inject; the string ones name the file they apply to. */
export interface Faults {
  /** The first N index requests answer 500. */
  indexFailures?: number;
  /** The index answers this body instead of the releases. */
  indexBody?: string;
  flipByteOf?: string;
  truncate?: string;
  stall?: string;
  trickle?: string;
  hang?: string;
  /** Archives answer a 302 to this base URL. */
  redirectTo?: string;
  missing?: string[];
}

export interface MirrorRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface Mirror {
  url: string;
  requests: MirrorRequest[];
  /** Requests for archives (anything but the index). */
  downloads: () => MirrorRequest[];
  indexRequests: () => MirrorRequest[];
  close: () => Promise<void>;
}

export async function startMirror(releases: MirrorRelease[], faults: Faults = {}): Promise<Mirror> {
  const requests: MirrorRequest[] = [];
  const state = { faults: { ...faults }, indexFailuresLeft: faults.indexFailures ?? 0 };
  const byName = new Map(releases.flatMap((r) => r.files.map((f): [string, MirrorFile] => [f.filename, f])));

  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const url = new URL(req.url ?? '/', 'http://mirror');
    if (url.pathname === '/' && url.searchParams.get('mode') === 'json') {
      if (state.indexFailuresLeft > 0) {
        state.indexFailuresLeft--;
        res.writeHead(500).end('index temporarily broken');
        return;
      }
      const body =
        state.faults.indexBody ??
        JSON.stringify(
          releases.map((r) => ({
            version: r.version,
            stable: r.stable,
            files: r.files.map(({ filename, os = 'linux', arch = 'amd64', kind = 'archive', sha256 }) => ({
              filename,
              os,
              arch,
              version: r.version,
              sha256,
              size: 0,
              kind,
            })),
          })),
        );
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    const name = decodeURIComponent(url.pathname.slice(1));
    const file = byName.get(name);
    if (!file?.path || state.faults.missing?.includes(name)) {
      res.writeHead(404).end('not found');
      return;
    }
    if (state.faults.hang === name) return; // the request is read, and never answered
    if (state.faults.redirectTo) {
      // As go.dev/dl does: the archive itself is on another host.
      res.writeHead(302, { location: `${state.faults.redirectTo}/${encodeURIComponent(name)}` }).end();
      return;
    }
    const size = statSync(file.path).size;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
    const stream = createReadStream(file.path);
    if (state.faults.stall === name) {
      // Half the file, then nothing more on an open connection: a hung mirror.
      let sent = 0;
      stream.on('data', (chunk) => {
        if (sent > size / 2) {
          stream.destroy();
          return;
        }
        sent += chunk.length;
        res.write(chunk);
      });
      return;
    }
    if (state.faults.trickle === name) {
      // 1 KiB every 200 ms on an open connection: never idle, never done.
      stream.destroy();
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || sent >= size) return clearInterval(timer);
        res.write(Buffer.alloc(Math.min(1024, size - sent)));
        sent += 1024;
      }, 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (state.faults.truncate === name) {
      let sent = 0;
      stream.on('data', (chunk) => {
        sent += chunk.length;
        if (sent > size / 2) {
          stream.destroy();
          res.destroy(); // Content-Length promised more: the client sees the connection drop
        } else res.write(chunk);
      });
      return;
    }
    if (state.faults.flipByteOf === name) {
      let offset = 0;
      const target = Math.floor(size / 3);
      stream.on('data', (data) => {
        // No encoding was set: chunks are Buffers.
        let chunk = data as Buffer;
        if (offset <= target && target < offset + chunk.length) {
          chunk = Buffer.from(chunk);
          chunk[target - offset] ^= 0x01;
        }
        offset += chunk.length;
        if (!res.write(chunk)) {
          stream.pause();
          res.once('drain', () => stream.resume());
        }
      });
      stream.on('end', () => res.end());
      return;
    }
    stream.pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    /** Requests for archives (anything but the index). */
    downloads: () => requests.filter((r) => !r.url.startsWith('/?')),
    indexRequests: () => requests.filter((r) => r.url.startsWith('/?')),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
