import { describe, expect, it } from 'vitest';
import { DisposalError, DisposalStack, type DisposalFailure } from '../../src/app/disposal-stack';

/** A stack whose releases record their order; `failing` names the ones that throw (half of them synchronously). */
function recordingStack(names: string[], failing: string[] = []) {
  const released: string[] = [];
  const stack = new DisposalStack();
  for (const [i, name] of names.entries()) {
    stack.defer(name, () => {
      released.push(name);
      if (!failing.includes(name)) return i % 2 === 0 ? Promise.resolve() : undefined;
      if (i % 2 === 0) return Promise.reject(new Error(`${name} broke`));
      throw new Error(`${name} broke`);
    });
  }
  return { stack, released };
}

describe('DisposalStack', () => {
  it('releases in the reverse order of registration, each once, even when unwound twice', async () => {
    const { stack, released } = recordingStack(['database', 'simulator', 'apollo', 'http server']);
    const [first, second] = await Promise.all([stack.unwind(), stack.unwind()]);
    expect(released).toEqual(['http server', 'apollo', 'simulator', 'database']);
    expect(first).toEqual([]);
    expect(second).toBe(first);
    expect(await stack.unwind()).toBe(first);
    expect(released).toHaveLength(4);
    expect(stack.resources).toEqual([]);
  });

  it('a release that fails, synchronously or not, does not stop the others; every failure is collected, in order', async () => {
    const { stack, released } = recordingStack(['a', 'b', 'c', 'd', 'e'], ['b', 'c', 'e']);
    const failures = await stack.unwind();
    expect(released).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(failures.map((f) => [f.resource, (f.error as Error).message])).toEqual([
      ['e', 'e broke'],
      ['c', 'c broke'],
      ['b', 'b broke'],
    ]);
    const error = new DisposalError(failures);
    expect(error).toBeInstanceOf(AggregateError);
    expect(error.message).toBe('could not release: e, c, b');
    expect(error.errors).toEqual(failures.map((f) => f.error));
  });

  it('unwindAfter rethrows the error that caused it, not a release failure, and reports those', async () => {
    const { stack, released } = recordingStack(['database', 'simulator'], ['database']);
    const cause = new Error('schema build failed');
    const reported: DisposalFailure[] = [];
    const thrown = await stack.unwindAfter(cause, (failure) => reported.push(failure)).catch((error: unknown) => error);
    expect(thrown).toBe(cause);
    expect(released).toEqual(['simulator', 'database']);
    expect(reported.map((f) => f.resource)).toEqual(['database']);
  });

  it('use registers the value and returns it; nothing may be registered once unwinding began', async () => {
    const stack = new DisposalStack();
    const closed: string[] = [];
    const resource = stack.use('pool', { name: 'pool' }, (value) => void closed.push(value.name));
    expect(resource).toEqual({ name: 'pool' });
    expect(stack.resources).toEqual(['pool']);
    const unwinding = stack.unwind();
    expect(() => stack.defer('late', () => undefined)).toThrow('late was opened while the resources were being released');
    await unwinding;
    expect(closed).toEqual(['pool']);
  });

  it('logs each registration and each release at debug level, naming the resource', async () => {
    const lines: Array<[string, string]> = [];
    const stack = new DisposalStack({ debug: ((fields: { resource: string }, message: string) => lines.push([message, fields.resource])) as never });
    stack.defer('database', () => undefined);
    stack.defer('http server', () => Promise.reject(new Error('no')));
    await stack.unwind();
    expect(lines).toEqual([
      ['opened', 'database'],
      ['opened', 'http server'],
      ['released', 'database'],
    ]);
  });
});
