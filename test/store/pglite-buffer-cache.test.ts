import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database';
import { pgliteBackend, pgliteWorkerBackend } from '../support/databases';

// The embedded database keeps a small buffer cache of its own (the OS file cache holds the rest),
// so the gateway's resident memory stays about 100 MiB lower once the cache fills.
describe('embedded PGlite buffer cache', () => {
  it.each([pgliteBackend, pgliteWorkerBackend])('$name: 32 MiB', async (backend) => {
    const { db } = await backend.open();
    try {
      expect((await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]!.shared_buffers).toBe('32MB');
    } finally {
      await db.close();
    }
  });

  it("the gateway's store on a fresh data directory, and after reopening it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ekyc-buffers-'));
    for (let open = 0; open < 2; open++) {
      const db = await openDatabase(null, dir);
      try {
        expect((await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]!.shared_buffers).toBe('32MB');
      } finally {
        await db.close();
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
