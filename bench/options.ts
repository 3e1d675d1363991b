/**
 * A positive integer option from `--name=N`, `--name N` or the environment variable `env`
 * (the flag wins), else `fallback`. Anything else stops the bench with a clear message.
 */
export function option(name: string, env: string, fallback: number): number {
  const flag = `--${name}`;
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  const raw = i < 0 ? process.env[env] : args[i]!.includes('=') ? args[i]!.slice(flag.length + 1) : args[i + 1];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} / ${env} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}
