// A loopback HTTPS server that answers every request with a Date header of our choosing: a clock
// 120 s behind, 45 s ahead, 400 s ahead, a malformed or missing Date, an answer that never comes,
// or headers too large to read. Listens on 127.0.0.1:0; close() ends every connection.
import { createServer } from 'node:https';
import type { Socket } from 'node:net';

export type ServerMode =
  | { skewSeconds: number }
  | { date: string }
  | { noDate: true }
  | { neverAnswers: true }
  | { headerBytes: number };

export interface SkewedServer {
  /** "127.0.0.1:PORT", as --host and parseClockHost take it. */
  host: string;
  port: number;
  mode: ServerMode;
  /** The methods and paths asked for, and the request headers, in order. */
  requests: { method: string; url: string; headers: Record<string, unknown> }[];
  close: () => Promise<void>;
}

export async function startSkewedServer(
  credentials: { key: string; cert: string },
  mode: ServerMode = { skewSeconds: 0 },
): Promise<SkewedServer> {
  const sockets = new Set<Socket>();
  const state: SkewedServer = {
    host: '',
    port: 0,
    mode,
    requests: [],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer(credentials, (request, response) => {
    state.requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: { ...request.headers },
    });
    const current = state.mode;
    if ('neverAnswers' in current) return; // the connection stays open until the client gives up
    response.sendDate = false;
    if ('skewSeconds' in current) {
      response.setHeader('Date', new Date(Date.now() + current.skewSeconds * 1000).toUTCString());
    } else if ('date' in current) {
      response.setHeader('Date', current.date);
    } else if ('headerBytes' in current) {
      response.setHeader('Date', new Date().toUTCString());
      response.setHeader('X-Padding', 'x'.repeat(current.headerBytes));
    }
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end();
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => {}); // a client refusing our certificate is a test's point
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  state.port = address.port;
  state.host = `127.0.0.1:${address.port}`;
  return state;
}
