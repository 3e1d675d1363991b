import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/store/group-commit';

/** The batching rules alone, with a writer that records its calls (the store tests cover the SQL). */
function recorder(fail: (items: readonly number[]) => Error | null = () => null) {
  const calls: number[][] = [];
  const writer = new GroupCommit<number, string>({
    parallel: 1,
    maxBatch: 4,
    isItemError: (error) => (error as { code?: string }).code === '23505',
    key: (n) => String(n % 100),
    async writeMany(items) {
      calls.push([...items]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const error = fail(items);
      if (error) throw error;
      return items.map((n) => `wrote ${n}`);
    },
  });
  return { calls, writer };
}

const coded = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

describe('group commit', () => {
  it('a lone write goes at once; writes arriving meanwhile go together, up to maxBatch, none sharing a key', async () => {
    const { calls, writer } = recorder();
    const input = [1, 2, 3, 102, 4, 5, 6];
    const results = await Promise.all(input.map((n) => writer.submit(n)));
    expect(results).toEqual(input.map((n) => `wrote ${n}`));
    // 102 shares its key with 2 and waits for the next batch; 6 is past the batch's four.
    expect(calls).toEqual([[1], [2, 3, 4, 5], [102, 6]]);
  });

  it('a batch refused for one item is split: that item fails alone, the others are written', async () => {
    const { calls, writer } = recorder((items) => (items.includes(13) ? coded('23505') : null));
    const settled = await Promise.allSettled([10, 11, 12, 13].map((n) => writer.submit(n)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual(['wrote 10', 'wrote 11', 'wrote 12', 'failed with 23505']);
    expect(calls).toEqual([[10], [11, 12, 13], [11], [12], [13]]);
  });

  it('a batch that failed otherwise (connection lost) fails every item, without writing them again', async () => {
    const { calls, writer } = recorder((items) => (items.length > 1 ? coded('08006') : null));
    const settled = await Promise.allSettled([20, 21, 22].map((n) => writer.submit(n)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(calls).toEqual([[20], [21, 22]]);
  });
});
