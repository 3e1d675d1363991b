import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { InputError } from '../orchestration/input-error';
import type { SqlExecutor } from './database';

const IV_BYTES = 12;
const SEQ_BYTES = 8;
const TAG_BYTES = 16;
/** base64url of IV + encrypted sequence + tag, without padding. */
const CURSOR = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil(((IV_BYTES + SEQ_BYTES + TAG_BYTES) * 4) / 3)}}$`);

/**
 * Relay cursors of the case listing: the case's insertion sequence encrypted (AES-256-GCM) with the
 * reading API key as associated data. A cursor reveals nothing (not how many cases the gateway holds),
 * and only the key it was given to can page with it: another key's, or one altered by a single bit,
 * is BAD_USER_INPUT on `after`. The key is derived from a secret made once in the database (migration
 * 7), so every replica on that database reads the others' cursors.
 */
export class ListingCursors {
  private constructor(private readonly key: Buffer) {}

  static async load(db: SqlExecutor): Promise<ListingCursors> {
    const { rows } = await db.query<{ secret: Uint8Array }>("SELECT secret FROM gateway_secrets WHERE name = 'listing-cursor'");
    if (!rows[0]) throw new Error('The listing cursor secret is missing: the database was not migrated');
    return new ListingCursors(Buffer.from(hkdfSync('sha256', rows[0].secret, Buffer.alloc(0), 'ekyc listing cursor v1', 32)));
  }

  encode(reader: string, seq: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(reader, 'utf8'));
    const plain = Buffer.alloc(SEQ_BYTES);
    plain.writeBigUInt64BE(BigInt(seq));
    return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]).toString('base64url');
  }

  /** The sequence in a cursor this gateway gave `reader`; any other string is BAD_USER_INPUT on `after`. */
  decode(reader: string, cursor: string): string {
    if (CURSOR.test(cursor)) {
      const bytes = Buffer.from(cursor, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES)).setAAD(Buffer.from(reader, 'utf8'));
        decipher.setAuthTag(bytes.subarray(IV_BYTES + SEQ_BYTES));
        const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, IV_BYTES + SEQ_BYTES)), decipher.final()]);
        return plain.readBigUInt64BE().toString();
      } catch {
        // Not made by this gateway for this reader: refused below like any other string.
      }
    }
    throw new InputError('after', 'is not a cursor this listing gave this API key');
  }
}
