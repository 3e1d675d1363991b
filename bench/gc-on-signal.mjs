// Bench-only preload (node --expose-gc --import ./bench/gc-on-signal.mjs): a full garbage collection on
// SIGUSR2, so the load bench reads the heap that is really retained after a load, not garbage.
process.on('SIGUSR2', () => globalThis.gc?.());
