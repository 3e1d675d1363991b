import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, context, type Context, type ContextManager } from '@opentelemetry/api';

/**
 * OpenTelemetry's active context carried by Node's AsyncLocalStorage, so a span started around a
 * GraphQL operation is the parent of the vendor calls and the policy evaluation it causes, across
 * every await. Without a registered manager the API's `context.with` does nothing.
 */
class AsyncLocalContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }

  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const run = (fn: () => unknown) => this.with(ctx, fn);
    return function bound(this: unknown, ...args: unknown[]) {
      return run(() => (target as (...a: unknown[]) => unknown).apply(this, args));
    } as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }
}

let installed = false;

/**
 * Installs the context manager once per process (the API holds one globally). Another manager
 * installed first (an APM agent) is kept: it serves the same purpose.
 */
export function ensureContextManager(): void {
  if (installed) return;
  installed = true;
  context.setGlobalContextManager(new AsyncLocalContextManager());
}
