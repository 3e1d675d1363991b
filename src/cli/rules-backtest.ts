import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/config';
import { ConfigError } from '../config/config-error';
import { backtest, type BacktestProgress } from '../decision/authoring/backtest';
import { compilePolicy } from '../decision/engine/policy';
import { formatProblem, validatePolicyText } from '../decision/authoring/policy-validator';
import { DatabaseUnavailableError } from '../store/database';
import { decisionHistory, HistoryUnavailableError, openHistory } from '../store/decision-history';
import { formatBacktest } from './backtest-report';

/**
 * `rules backtest <candidate.json> [--since DATE] [--limit N] [--show N]`: replays the stored facts of
 * past decisions through the candidate, on the database the gateway is configured with (DATABASE_URL,
 * else the embedded one under DATA_DIR). Reads only. Stop a gateway using the embedded database first:
 * two processes must not open one PGlite directory.
 */
export async function runBacktest(args: string[], print: (line: string) => void): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    console.error(`rules backtest: ${options}\nusage: rules backtest <candidate.json> [--since DATE] [--limit N] [--show N]`);
    return 2;
  }
  let text: Buffer;
  try {
    text = readFileSync(options.file);
  } catch (error) {
    console.error(`${options.file}  cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const { document, problems } = validatePolicyText(text);
  if (problems.length > 0) {
    for (const p of problems) print(formatProblem(options.file, p));
    print(`${options.file}: the candidate is not a valid policy; nothing was replayed`);
    return 1;
  }
  let db;
  try {
    const config = loadConfig(process.env);
    db = await openHistory(config.databaseUrl, config.dataDir);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof HistoryUnavailableError || error instanceof DatabaseUnavailableError) {
      console.error(`rules backtest: ${error.message}`);
      return 2;
    }
    throw error;
  }
  try {
    const report = await backtest(decisionHistory(db, { since: options.since, limit: options.limit }), compilePolicy(document), progress());
    for (const line of formatBacktest(report, options.file, options.show)) print(line);
    return 0;
  } catch (error) {
    if (error instanceof HistoryUnavailableError) {
      console.error(`rules backtest: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await db.close();
  }
}

/** Progress on stderr for long runs (over 5,000 cases): every 10% or so. */
function progress(): (p: BacktestProgress) => void {
  let next = 0;
  return ({ done, total }) => {
    if (total < 5_000) return;
    if (done >= next || done === total) {
      process.stderr.write(`replayed ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} cases\n`);
      next = done + Math.ceil(total / 10);
    }
  };
}

function parseArgs(args: string[]): { file: string; since: Date | null; limit: number | null; show: number } | string {
  let file: string | null = null;
  let since: Date | null = null;
  let limit: number | null = null;
  let show = 50;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--since') {
      const v = value();
      since = v && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v) : null;
      if (since === null || Number.isNaN(since.getTime())) return '--since needs a date such as 2026-01-31';
    } else if (flag === '--limit' || flag === '--show') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < (flag === '--limit' ? 1 : 0)) return `${flag} needs a whole number`;
      if (flag === '--limit') limit = v;
      else show = v;
    } else if (arg.startsWith('--')) {
      return `unknown option ${arg}`;
    } else if (file === null) {
      file = arg;
    } else {
      return `one candidate at a time (got ${file} and ${arg})`;
    }
  }
  return file === null ? 'give the candidate policy file' : { file, since, limit, show };
}
