// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs here, so its
// work does not take the gateway's event loop. PgliteWorkerDatabase is the other end.
//
// Plain JavaScript on purpose: a worker starts without the host's TypeScript loader (vitest, or a
// bundled build), and this file needs nothing but PGlite.
//
// Messages in:  { id, op: 'open', dataDir } | { id, op: 'query' | 'exec', sql, params?, tx? }
//               | { id, op: 'begin' } | { id, op: 'commit' | 'rollback', tx } | { id, op: 'close' }
// Messages out: { id, ok: true, rows?, tx? } | { id, ok: false, error: { message, name, code, ... } }
import { parentPort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/**
 * Fields of a database error worth keeping. Not the statement's parameters, which PGlite attaches
 * (they may be personal data); `detail` and `message` may still quote a value, so the gateway logs a
 * database error by its name and code only.
 */
const ERROR_FIELDS = ['name', 'code', 'severity', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'routine'];

/**
 * PostgreSQL's own buffer cache inside PGlite's WebAssembly memory: 32 MiB instead of PGlite's 128.
 * Pages it does not hold stay in the operating system's file cache (PGlite reads and writes real
 * files), so the gateway's indexed reads lose little, while the process keeps less memory resident
 * once the cache has filled (docs/benchmarks.md, The store).
 * The same in pglite-database.ts, the in-thread variant.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

let db = null;
let nextTx = 1;
/** Open transactions: each one's queue of messages and the waiter for the next one. */
const transactions = new Map();

const reply = (id, body) => parentPort.postMessage({ id, ok: true, ...body });
const fail = (id, error) => {
  const out = { message: String(error?.message ?? error) };
  for (const key of ERROR_FIELDS) if (typeof error?.[key] === 'string') out[key] = error[key];
  parentPort.postMessage({ id, ok: false, error: out });
};

class Rollback extends Error {}

function nextMessage(tx) {
  const t = transactions.get(tx);
  if (t.queue.length > 0) return Promise.resolve(t.queue.shift());
  return new Promise((resolve) => (t.waiter = resolve));
}

function deliver(tx, message) {
  const t = transactions.get(tx);
  if (!t) return fail(message.id, new Error(`no open transaction ${tx}`));
  if (t.waiter) {
    const waiter = t.waiter;
    t.waiter = null;
    waiter(message);
  } else {
    t.queue.push(message);
  }
}

function begin(id) {
  const tx = nextTx++;
  transactions.set(tx, { queue: [], waiter: null });
  let last = null;
  db.transaction(async (t) => {
    reply(id, { tx });
    for (;;) {
      const message = await nextMessage(tx);
      if (message.op === 'commit' || message.op === 'rollback') {
        last = message;
        if (message.op === 'rollback') throw new Rollback();
        return;
      }
      try {
        if (message.op === 'exec') {
          await t.exec(message.sql);
          reply(message.id, {});
        } else {
          reply(message.id, { rows: (await t.query(message.sql, message.params ?? [])).rows });
        }
      } catch (error) {
        fail(message.id, error);
      }
    }
  })
    .then(
      () => reply(last.id, {}),
      (error) => (error instanceof Rollback ? reply(last.id, {}) : fail(last?.id ?? id, error)),
    )
    .finally(() => transactions.delete(tx));
}

parentPort.on('message', async (message) => {
  const { id, op } = message;
  try {
    if (op === 'open') {
      db = await PGlite.create(message.dataDir, { startParams: START_PARAMS });
      reply(id, {});
    } else if (message.tx !== undefined) {
      deliver(message.tx, message);
    } else if (op === 'begin') {
      begin(id);
    } else if (op === 'query') {
      reply(id, { rows: (await db.query(message.sql, message.params ?? [])).rows });
    } else if (op === 'exec') {
      await db.exec(message.sql);
      reply(id, {});
    } else if (op === 'close') {
      await db?.close();
      reply(id, {});
    } else {
      fail(id, new Error(`unknown operation ${op}`));
    }
  } catch (error) {
    fail(id, error);
  }
});
