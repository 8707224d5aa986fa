// A loopback HTTP server standing in for api.2fa.directory: it serves the real copy of the v3
// TOTP list from tests/fixtures (1,281 sites), or fails in the ways a real server and a
// real network do. Every request is recorded (method, path, headers), so a test can prove that
// nothing was asked for, or that nothing about the user went with a request.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { testdataPath } from './testdata';

export const DIRECTORY_FILE = testdataPath('2fa-directory/totp.json');
export const DIRECTORY_SITE_COUNT = 1281;

export type ServerMode =
  /** The real list, 200 OK. */
  | 'ok'
  /** 500 Internal Server Error. */
  | 'error'
  /** 200 with text that is not JSON. */
  | 'not-json'
  /** 200 with JSON of another shape (an object). */
  | 'wrong-shape'
  /** Announces the whole file, sends half, closes the connection. */
  | 'truncated'
  /** Half the file without a length: the JSON just ends. */
  | 'short-json'
  /** Never answers. */
  | 'hang'
  /** An endless stream of bytes with no length. */
  | 'endless'
  /** A redirect to another host. */
  | 'redirect';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface DirectoryServer {
  /** The list's URL on this server. */
  url: string;
  mode: ServerMode;
  /** Custom body for 'ok' (a changed list, for "the new copy replaced the old"). */
  body: Buffer;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startDirectoryServer(mode: ServerMode = 'ok'): Promise<DirectoryServer> {
  const sockets = new Set<Socket>();
  const state: DirectoryServer = {
    url: '',
    mode,
    body: readFileSync(DIRECTORY_FILE),
    requests: [],
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const json = (response: ServerResponse, status: number, body: Buffer | string) => {
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  };
  const server: Server = createServer((request, response) => {
    state.requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
    });
    const body = state.body;
    switch (state.mode) {
      case 'ok':
        return json(response, 200, body);
      case 'error':
        response.writeHead(500, 'Internal Server Error').end('upstream failed');
        return;
      case 'not-json':
        return json(response, 200, '<html><body>Maintenance</body></html>');
      case 'wrong-shape':
        return json(response, 200, JSON.stringify({ GitHub: { domain: 'github.com' } }));
      case 'truncated':
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': body.byteLength,
        });
        response.write(body.subarray(0, body.byteLength >> 1), () => request.socket.destroy());
        return;
      case 'short-json':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(body.subarray(0, body.byteLength >> 1));
        return;
      case 'hang':
        return;
      case 'endless': {
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        response.on('error', () => undefined);
        pump();
        return;
      }
      case 'redirect':
        response.writeHead(302, { location: 'https://example.invalid/totp.json' }).end();
        return;
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  state.url = `http://127.0.0.1:${address.port}/v3/totp.json`;
  return state;
}

/** A URL on loopback where nothing listens (the port of a server that was just closed). */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${address.port}/v3/totp.json`;
}
