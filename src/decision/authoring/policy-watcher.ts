import { realpathSync, statSync, watch, type FSWatcher, type Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from '../../logging/logger';
import type { Policy } from '../engine/policy';
import { parsePolicyText, PolicyError } from './policy-loader';
import type { PolicyHolder } from '../engine/policy-holder';

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
  /**
   * How often the file's identity is checked, as a backstop to the folder watch: a watch misses a
   * ConfigMap's symlink swap (the event names `..data`, not the file) and a replaced folder (it
   * follows the old one). Default 2000.
   */
  pollMs?: number;
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
  private poller: NodeJS.Timeout | null = null;
  private polling = false;
  /** Identity of the file as the last reload read it (or as it was at start). */
  private seen: string | null = null;
  private chain: Promise<ReloadResult> = Promise.resolve('unchanged');

  constructor(private readonly options: PolicyWatcherOptions) {}

  start(): void {
    if (this.watcher) return;
    const name = basename(this.options.file);
    this.watcher = watch(dirname(this.options.file), { persistent: false }, (_event, changed) => {
      if (changed === null || changed === name) this.schedule();
    });
    this.watcher.on('error', (error) => this.options.logger.warn({ err: { message: error.message } }, 'policy watch stopped'));
    // Taken at once, not in the background, so a change right after start is not mistaken for the start state.
    this.seen ??= identifyNow(this.options.file);
    this.poller = setInterval(() => void this.poll(), this.options.pollMs ?? 2000);
    this.poller.unref();
  }

  /** Reloads when the file as read (through any symlinks) is no longer the one last read. */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const id = await identify(this.options.file);
      if (this.poller && id !== this.seen) await this.reload();
    } finally {
      this.polling = false;
    }
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
    // Taken before reading, so a change made during the read is seen by the next poll.
    this.seen = await identify(file);
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
      const problems = error instanceof PolicyError ? error.problems : [`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`];
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
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain;
  }
}

/**
 * Which file `path` reads now, following symlinks: its real path, inode, size and mtime. A file that
 * cannot be stat'ed gets its error code as identity, so going missing is a change and the reload
 * reports it (refused, lastError) as it would any unreadable file.
 */
async function identify(path: string): Promise<string> {
  try {
    const [info, real] = await Promise.all([stat(path), realpath(path)]);
    return identity(info, real);
  } catch (error) {
    return failed(error);
  }
}

function identifyNow(path: string): string {
  try {
    return identity(statSync(path), realpathSync(path));
  } catch (error) {
    return failed(error);
  }
}

const identity = (info: Stats, real: string) => `${real}|${info.dev}:${info.ino}|${info.size}|${info.mtimeMs}`;
const failed = (error: unknown) => `error:${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
