import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

/** A POST written by hand on its own TCP connection, so a test can send part of a body and hold or drop it. */
export interface RawPost {
  socket: Socket;
  /** The first whole response; rejects if the connection closes before one. */
  response: Promise<RawResponse>;
  /** Resolves once the connection is closed, by either side. */
  closed: Promise<void>;
}

/**
 * Opens a connection to `baseUrl` and writes a POST /graphql head declaring `contentLength` (omit
 * it for a chunked body), then `body` and nothing more: the rest is up to the test.
 */
export async function rawPost(
  baseUrl: string,
  { contentLength, headers = {}, body = '' }: { contentLength?: number; headers?: Record<string, string>; body?: string },
): Promise<RawPost> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('error', () => undefined); // a reset by the server is an outcome the test checks, not a crash
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const response = new Promise<RawResponse>((resolve, reject) => {
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseResponse(received);
      if (parsed) resolve(parsed);
    });
    socket.once('close', () => reject(new Error(`connection closed without a whole response (${received.length} bytes)`)));
  });
  response.catch(() => undefined); // awaited by tests that expect one
  const head = [
    `POST /graphql HTTP/1.1`,
    `host: ${hostname}:${port}`,
    'content-type: application/json',
    contentLength === undefined ? 'transfer-encoding: chunked' : `content-length: ${contentLength}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  return { socket, response, closed };
}

function parseResponse(data: Buffer): RawResponse | null {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine!.split(' ')[1]);
  const rest = data.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    const body = dechunk(rest);
    return body === null ? null : { status, headers, body };
  }
  const length = Number(headers['content-length'] ?? 0);
  if (rest.length < length) return null;
  return { status, headers, body: rest.subarray(0, length).toString('utf8') };
}

/** A chunked body once its last (empty) chunk arrived; null before. */
function dechunk(data: Buffer): string | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) return Buffer.concat(parts).toString('utf8');
    if (data.length < lineEnd + 2 + size + 2) return null;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** A TCP connection to the gateway written by hand: requests (or parts of one) one at a time. */
export interface RawConnection {
  socket: Socket;
  /** The next whole response after what was read so far; rejects if the connection closes first. */
  nextResponse(): Promise<RawResponse>;
  /** Resolves once the connection is closed, by either side. */
  closed: Promise<void>;
  isClosed(): boolean;
}

/** Opens a connection to `baseUrl` and writes nothing: the test writes what it means to. */
export async function rawConnection(baseUrl: string): Promise<RawConnection> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined); // a reset by the server is an outcome the test checks, not a crash
  let isClosed = false;
  const closed = new Promise<void>((resolve) => socket.once('close', () => ((isClosed = true), resolve())));
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('close', () => reject(new Error('closed before connecting'))));
  let received = Buffer.alloc(0);
  let waiter: { resolve: (r: RawResponse) => void; reject: (e: Error) => void } | null = null;
  const deliver = () => {
    const parsed = waiter && parseResponse(received);
    if (!parsed || !waiter) return;
    received = Buffer.alloc(0);
    const { resolve } = waiter;
    waiter = null;
    resolve(parsed);
  };
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    deliver();
  });
  socket.once('close', () => waiter?.reject(new Error(`connection closed without a whole response (${received.length} bytes)`)));
  return {
    socket,
    closed,
    isClosed: () => isClosed,
    nextResponse: () =>
      new Promise<RawResponse>((resolve, reject) => {
        if (isClosed) return reject(new Error('connection already closed'));
        waiter = { resolve, reject };
        deliver();
      }),
  };
}
