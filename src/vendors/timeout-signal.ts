/**
 * An abort signal that fires after `ms` (with `reason()`) or as soon as `parent` aborts (with its
 * reason): one AbortController and one timer, which cost several times less than AbortSignal.timeout
 * plus AbortSignal.any on every vendor call. `onTimeout` runs right after the timeout aborts.
 * `dispose()` clears the timer and unhooks the parent; call it once the work is over.
 */
export interface TimeoutSignal {
  readonly signal: AbortSignal;
  /** Whether the timeout (not the parent) aborted it. */
  timedOut(): boolean;
  dispose(): void;
}

export function timeoutSignal(ms: number, reason: () => unknown, parent?: AbortSignal, onTimeout?: () => void): TimeoutSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(reason());
    onTimeout?.();
  }, ms);
  const parentAborted = () => controller.abort(parent!.reason);
  if (parent?.aborted) parentAborted();
  else parent?.addEventListener('abort', parentAborted, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', parentAborted);
    },
  };
}
