import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from '../logging/logger';
import { parsePolicyText, PolicyError, type Policy } from './policy';
import type { PolicyHolder } from './policy-holder';

export type ReloadResult = 'swapped' | 'unchanged' | 'refused';

export interface PolicyWatcherOptions {
  /** The policy file; its folder is watched (editors save by replacing the file). */
  file: string;
  holder: PolicyHolder;
  /** Records a policy before it decides anything, so its decisions can be explained later. */
  record: (policy: Policy) => Promise<void>;
  logger: Logger;
  /** Quiet time after the last change before reloading: one save is often several file events. */
  debounceMs?: number;
  onResult?: (result: ReloadResult) => void;
}

/**
 * Live reload of the policy: a change to the policy file is validated and, if valid, swapped in at
 * once (verifications already running finish with the policy they started with; none is dropped).
 * If invalid, the running policy stays and the problems are logged and kept as `lastError`.
 */
export class PolicyWatcher {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<ReloadResult> = Promise.resolve('unchanged');

  constructor(private readonly options: PolicyWatcherOptions) {}

  start(): void {
    if (this.watcher) return;
    const name = basename(this.options.file);
    this.watcher = watch(dirname(this.options.file), { persistent: false }, (_event, changed) => {
      if (changed === null || changed === name) this.schedule();
    });
    this.watcher.on('error', (error) => this.options.logger.warn({ err: { message: error.message } }, 'policy watch stopped'));
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload();
    }, this.options.debounceMs ?? 150);
    this.timer.unref();
  }

  /** Reads, checks and swaps in the policy file now. Reloads run one at a time, in order. */
  reload(): Promise<ReloadResult> {
    this.chain = this.chain.then(() => this.reloadOnce());
    return this.chain;
  }

  private async reloadOnce(): Promise<ReloadResult> {
    const { file, holder, logger } = this.options;
    let result: ReloadResult;
    try {
      const policy = parsePolicyText(await readFile(file), file);
      if (policy.version === holder.policy.version) {
        holder.clearError();
        result = 'unchanged';
      } else {
        await this.options.record(policy);
        const previous = holder.policy.version;
        holder.swap(policy);
        logger.info({ version: policy.version, previous, name: policy.name, rules: policy.rules.length }, 'policy reloaded');
        result = 'swapped';
      }
    } catch (error) {
      const problems =
        error instanceof PolicyError ? error.problems : [`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`];
      holder.refuse(problems.join('\n'));
      logger.warn({ problems, version: holder.policy.version }, 'policy reload refused; the running policy stays');
      result = 'refused';
    }
    this.options.onResult?.(result);
    return result;
  }

  /** Stops watching; a reload already running finishes. */
  async close(): Promise<void> {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain;
  }
}
