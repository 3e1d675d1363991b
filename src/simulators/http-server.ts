import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Vendor } from '../signals/model';
import type { RunningSimulator, SimulatorOptions } from './simulator';
import { answerFault, faultLatencyMs, hasFaults, pickFault, sendFaulted, type SimulatorFaults } from './faults';
import { sampleJpeg } from './sample-image';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

/**
 * What a simulator route answers: a JSON body (object) or raw text with a status; `hang` keeps the
 * connection open and never answers (the scenario for a vendor that blows its deadline).
 */
export type SimResponse = { status: number; json: unknown; headers?: Record<string, string> } | { status: number; text: string; contentType?: string } | 'hang';

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** A body that is not JSON, for the `garbage` scenario. */
export const GARBAGE: SimResponse = {
  status: 200,
  text: '<html><body>502 Bad Gateway (upstream sent garbage)</body></html>',
  contentType: 'text/html',
};

/**
 * Starts a real HTTP server for a vendor simulator on loopback. Every simulator also serves
 * `GET /samples/<scenario>.jpg`: a tiny JPEG carrying the scenario marker.
 */
export async function startSimulatorServer(vendor: Vendor, handler: SimHandler, options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sockets = new Set<Socket>();
  let requestCount = 0;
  const delayMs = options.delayMs ?? 0;
  const delayed: SimHandler =
    delayMs > 0
      ? async (req) => {
          await new Promise((r) => setTimeout(r, delayMs));
          return handler(req);
        }
      : handler;
  const faults = hasFaults(options.faults) ? options.faults : undefined;
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/samples/')) requestCount += 1;
    void serve(req, res, delayed, faults).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"message":"simulator error"}');
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    vendor,
    url: `http://${host}:${port}`,
    get requestCount() {
      return requestCount;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, handler: SimHandler, faults?: SimulatorFaults): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const sample = /^\/samples\/([^/]+)\.jpe?g$/i.exec(url.pathname);
  if (req.method === 'GET' && sample) {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(sampleJpeg(decodeURIComponent(sample[1]!)));
    return;
  }
  const body = await readBody(req);
  if (body === null) {
    res.writeHead(413, { 'content-type': 'application/json' });
    res.end('{"message":"Request entity too large"}');
    return;
  }
  let json: unknown;
  try {
    json = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    json = undefined;
  }
  const fault = faults ? pickFault(faults) : null;
  if (faults) {
    const latency = faultLatencyMs(faults);
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    if (fault !== null && answerFault(fault, faults, res)) return;
  }
  const answer = await handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, json });
  if (answer === 'hang') return; // keep the socket open; close() destroys it
  if (faults && (fault === 'slow-body' || fault === 'reset')) {
    const [text, contentType] = 'json' in answer ? [JSON.stringify(answer.json), 'application/json'] : [answer.text, answer.contentType ?? 'text/plain'];
    sendFaulted(fault, faults, res, answer.status, contentType, text);
    return;
  }
  if ('json' in answer) {
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.json));
  } else {
    res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'text/plain' });
    res.end(answer.text);
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
