// A private git host for the e2e tests, reached as git and Go reach a real one. Module paths need a
// dotted host without a port, so the server answers for `git.private.test` over HTTPS (a
// self-signed certificate made with openssl, trusted through GIT_SSL_CAINFO and SSL_CERT_FILE),
// and both git and Go get there through an HTTPS_PROXY: a CONNECT proxy on 127.0.0.1 that tunnels
// that one name to the server and refuses every other. The server answers Go's `?go-get=1` lookup
// without a credential, as GitLab and Gitea do, and runs `git http-backend` (CGI) only for a request
// whose Authorization header holds the expected credential; every header it saw is kept.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GIT_HOST = 'git.private.test';

export interface GitServer {
  /** The environment that makes git and Go reach the server: HTTPS_PROXY and the certificate. */
  env: Record<string, string>;
  /** The Authorization header of every request, in order (undefined when there was none). */
  authorizations: (string | undefined)[];
  /** The host:port of every CONNECT the proxy was asked for, refused ones too. */
  tunnels: string[];
  close(): Promise<void>;
}

/**
 * Serves `repos` (repository path under the host → a directory to commit and tag as `tag`) at
 * `https://git.private.test/<path>`, for a client that sends HTTPS Basic `user:password`.
 */
export async function startGitServer(
  repos: Record<string, string>,
  credential: { user: string; password: string },
  tag = 'v1.0.0',
): Promise<GitServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gcb-git-'));
  const root = join(dir, 'repos');
  for (const [path, src] of Object.entries(repos)) bareRepo(join(root, path), src, tag);
  const cert = selfSigned(dir);
  const expected = `Basic ${Buffer.from(`${credential.user}:${credential.password}`).toString('base64')}`;
  const authorizations: (string | undefined)[] = [];
  const tunnels: string[] = [];

  const https = createHttpsServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const url = new URL(req.url ?? '/', `https://${GIT_HOST}`);
    authorizations.push(req.headers.authorization);
    if (url.searchParams.get('go-get') === '1') return goImport(url.pathname, Object.keys(repos), res);
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="private"' }).end('credential required\n');
      return;
    }
    httpBackend(root, url, req, res);
  });
  // Tunnels leave the proxy's HTTP bookkeeping: every socket is kept, to be ended by close().
  const sockets = new Set<Socket>();
  const keep = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  https.on('connection', keep);
  await listen(https);
  const proxy = createHttpServer((_, res) => res.writeHead(405).end());
  proxy.on('connection', keep);
  proxy.on('connect', (req: IncomingMessage, socket, head) => {
    tunnels.push(req.url ?? '');
    if (req.url !== `${GIT_HOST}:443`) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect((https.address() as AddressInfo).port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    keep(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await listen(proxy);
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    env: {
      HTTPS_PROXY: proxyUrl,
      https_proxy: proxyUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      GIT_SSL_CAINFO: cert.file,
      SSL_CERT_FILE: cert.file,
    },
    authorizations,
    tunnels,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([https, proxy].map((s) => new Promise((r) => s.close(r))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listen(server: { listen(port: number, host: string, cb: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

/** A bare repository at `at` holding `src` in one commit, tagged. */
function bareRepo(at: string, src: string, tag: string): void {
  const work = mkdtempSync(join(tmpdir(), 'gcb-git-work-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: work,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
        GIT_AUTHOR_DATE: '@1700000000 +0000',
        GIT_COMMITTER_DATE: '@1700000000 +0000',
      },
    });
  execFileSync('cp', ['-r', `${src}/.`, work]);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'private module');
  git('tag', tag);
  mkdirSync(at, { recursive: true });
  execFileSync('git', ['clone', '-q', '--bare', work, at]);
  rmSync(work, { recursive: true, force: true });
}

/** A key and a certificate for git.private.test, valid a day. */
function selfSigned(dir: string): { key: Buffer; cert: Buffer; file: string } {
  const [key, file] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${GIT_HOST}`,
      '-addext',
      `subjectAltName=DNS:${GIT_HOST}`,
      '-keyout',
      key,
      '-out',
      file,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(file), file };
}

/** Go's `?go-get=1` lookup: the repository root that holds the requested path, as a go-import meta tag. */
function goImport(path: string, repos: string[], res: ServerResponse): void {
  const repo = repos.find((r) => path === `/${r}` || path.startsWith(`/${r}/`));
  if (!repo) {
    res.writeHead(404).end();
    return;
  }
  const meta = `<meta name="go-import" content="${GIT_HOST}/${repo} git https://${GIT_HOST}/${repo}">`;
  res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!DOCTYPE html><html><head>${meta}</head></html>\n`);
}

/** One request through `git http-backend` as CGI: its headers become the response's, the rest its body. */
function httpBackend(root: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
  const cgi = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method,
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: 'ci',
      REMOTE_ADDR: '127.0.0.1',
      ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
      ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
    },
  });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let sent = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (sent) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of head.subarray(0, end).toString().split('\r\n')) {
      const [name, ...rest] = line.split(':');
      const value = rest.join(':').trim();
      if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(end + 4));
    sent = true;
  });
  cgi.on('close', () => res.end());
}
