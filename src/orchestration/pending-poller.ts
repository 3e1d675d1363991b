import type { Logger } from '../logging/logger';
import type { PendingPolls } from '../store/pending-polls';
import type { PendingRefresher } from './pending-refresher';

/**
 * Background loop: every `intervalMs`, lease the pending cases that are due and re-poll them. The
 * work lives in the database, so polling resumes after a restart and spreads over replicas.
 */
export class PendingPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly polls: PendingPolls,
    private readonly refresher: PendingRefresher,
    private readonly options: { replica: string; intervalMs: number; leaseMs: number; batch: number; logger: Logger },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.tick().finally(() => (this.running = null));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** One round; exported for tests and for a prompt first poll at start-up. */
  async tick(): Promise<number> {
    try {
      const ids = await this.polls.leaseDue(this.options.replica, new Date(), this.options.leaseMs, this.options.batch);
      await Promise.all(
        ids.map((id) =>
          this.refresher.repoll(id).catch((error: unknown) => {
            this.options.logger.warn({ identityId: id, err: { name: (error as Error)?.name } }, 're-poll failed; will retry when the lease ends');
          }),
        ),
      );
      return ids.length;
    } catch (error) {
      this.options.logger.warn({ err: { name: (error as Error)?.name } }, 'pending poll round failed');
      return 0;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
