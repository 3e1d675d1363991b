import type { Logger } from '../logging/logger';

/** One resource that could not be released, and why. */
export interface DisposalFailure {
  readonly resource: string;
  readonly error: unknown;
}

/** Some resources could not be released (each failure names its resource); every other one was. */
export class DisposalError extends AggregateError {
  override readonly name = 'DisposalError';

  constructor(readonly failures: readonly DisposalFailure[]) {
    super(
      failures.map((failure) => failure.error),
      `could not release: ${failures.map((failure) => failure.resource).join(', ')}`,
    );
  }
}

interface Entry {
  readonly resource: string;
  readonly dispose: () => unknown;
}

/**
 * What has been opened, released in reverse order. Each resource registers the moment it is open,
 * so a failure at any later point, and the shutdown, release exactly what exists. Unwinding runs every
 * release once, each one even when one before it failed, and collects the failures instead of
 * stopping at the first: a resource that failed to close never keeps the others open.
 * (Node 20 has no AsyncDisposableStack; this is the part of it the gateway needs.)
 */
export class DisposalStack {
  private readonly entries: Entry[] = [];
  private unwinding: Promise<readonly DisposalFailure[]> | null = null;

  constructor(private readonly logger?: Pick<Logger, 'debug'>) {}

  /** Registers the release of `resource`, which is open now. Refused once unwinding began. */
  defer(resource: string, dispose: () => unknown): void {
    if (this.unwinding) throw new Error(`${resource} was opened while the resources were being released`);
    this.entries.push({ resource, dispose });
    this.logger?.debug({ resource }, 'opened');
  }

  /** Registers `value`'s release and returns it: `const db = stack.use('database', await open(), (d) => d.close())`. */
  use<T>(resource: string, value: T, dispose: (value: T) => unknown): T {
    this.defer(resource, () => dispose(value));
    return value;
  }

  /** Resources registered and not yet released, oldest first. */
  get resources(): readonly string[] {
    return this.entries.map((entry) => entry.resource);
  }

  /**
   * Releases everything, newest first; resolves with the failures in the order they happened (empty
   * when all went well). A second call gets the same unwinding.
   */
  unwind(): Promise<readonly DisposalFailure[]> {
    return (this.unwinding ??= this.releaseAll());
  }

  /**
   * For a failure while opening: unwinds, hands each release failure to `report`, and throws `error`
   * itself, so the caller learns why the start failed rather than what failed to close after it.
   */
  async unwindAfter(error: unknown, report: (failure: DisposalFailure) => void): Promise<never> {
    for (const failure of await this.unwind()) report(failure);
    throw error;
  }

  private async releaseAll(): Promise<readonly DisposalFailure[]> {
    const failures: DisposalFailure[] = [];
    for (let entry = this.entries.pop(); entry; entry = this.entries.pop()) {
      try {
        await entry.dispose();
        this.logger?.debug({ resource: entry.resource }, 'released');
      } catch (error) {
        failures.push({ resource: entry.resource, error });
      }
    }
    return failures;
  }
}
