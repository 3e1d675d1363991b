import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runPolicyTestFile, type FileResult } from '../decision/authoring/policy-tests';
import { formatProblem, validatePolicyText } from '../decision/authoring/policy-validator';
import { compilePolicy } from '../decision/engine/policy';
import { policySchema } from '../decision/authoring/policy-schema';
import { runBacktest } from './rules-backtest';

/**
 * The policy authors' command line: `validate [file...]`, `test [file...]`, `backtest <candidate>`
 * and `schema`. Exit status 0 when all is well, 1 when a policy is refused or a test fails, 2 for a
 * usage error or a database that cannot be read.
 */
const USAGE = `usage:
  rules validate [policy.json ...]      check policies (default: $RULES_DIR/policy.json)
  rules test [tests.json ...]           run policy tests (default: $RULES_DIR/tests/*.json)
  rules backtest <candidate.json> [--since DATE] [--limit N] [--show N]
                                        replay stored decisions through a candidate policy
  rules schema [--check]                write (or check) $RULES_DIR/policy.schema.json`;

const rulesDir = process.env.RULES_DIR || 'rules';
const shown = (file: string) => relative(process.cwd(), file) || file;

export function validateFiles(files: string[], print: (line: string) => void): number {
  let status = 0;
  for (const file of files) {
    let text: Buffer;
    try {
      text = readFileSync(file);
    } catch (error) {
      print(`${file}  cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      status = 1;
      continue;
    }
    const { document, problems } = validatePolicyText(text);
    if (problems.length === 0) {
      const policy = compilePolicy(document);
      print(`${file}  OK  policy "${policy.name}", ${policy.rules.length} rules, version ${policy.version}`);
      continue;
    }
    status = 1;
    for (const p of problems) print(formatProblem(file, p));
    print(`${file}  ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  }
  return status;
}

export async function testFiles(files: string[], print: (line: string) => void): Promise<number> {
  const results: FileResult[] = [];
  for (const file of files) results.push(await runPolicyTestFile(file));
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if (r.error !== null) {
      failed += 1;
      print(`ERROR ${shown(r.file)}`);
      for (const line of r.error.split('\n')) print(`  ${line}`);
      continue;
    }
    print(`${shown(r.file)}  (policy ${shown(r.policyFile)}, version ${r.policy!.version})`);
    for (const c of r.cases) {
      if (c.passed) {
        passed += 1;
        print(`  PASS  ${c.name}`);
      } else if (c.invalid) {
        failed += 1;
        // No expectation to compare: say where the malformed case is and what is wrong with it.
        print(`  FAIL  ${c.name}: ${shown(r.file)}: ${c.problem}`);
      } else {
        failed += 1;
        const want = `${c.expected.outcome}${c.expected.reasons ? ` [${c.expected.reasons.join(', ')}]` : ''}`;
        const got = c.actual ? `${c.actual.outcome} [${c.actual.reasons.join(', ')}]` : c.problem!;
        print(`  FAIL  ${c.name}: expected ${want}, got ${got}`);
      }
    }
    if (r.uncovered.length > 0) print(`  note: no case fires ${r.uncovered.join(', ')}`);
  }
  print(`${passed} passed, ${failed} failed (${passed + failed} cases in ${files.length} file${files.length === 1 ? '' : 's'})`);
  return failed > 0 ? 1 : 0;
}

function defaultTestFiles(): string[] {
  const dir = join(rulesDir, 'tests');
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function schema(check: boolean, print: (line: string) => void): number {
  const file = join(rulesDir, 'policy.schema.json');
  const text = `${JSON.stringify(policySchema(), null, 2)}\n`;
  if (!check) {
    writeFileSync(file, text);
    print(`wrote ${file}`);
    return 0;
  }
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // reported below
  }
  if (current === text) return 0;
  print(`${file} is stale: run npm run rules:schema`);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const print = (line: string) => console.log(line);
  switch (command) {
    case 'validate':
      return validateFiles(args.length > 0 ? args : [join(rulesDir, 'policy.json')], print);
    case 'test': {
      const files = args.length > 0 ? args : defaultTestFiles();
      if (files.length === 0) {
        console.error(`no test files in ${join(rulesDir, 'tests')}`);
        return 2;
      }
      return testFiles(files, print);
    }
    case 'backtest':
      return runBacktest(args, print);
    case 'schema': {
      // A misspelt --check must not fall through to writing the file.
      const unknown = args.find((a) => a !== '--check');
      if (unknown !== undefined) {
        console.error(`rules schema: unknown option ${JSON.stringify(unknown)}\n${USAGE}`);
        return 2;
      }
      return schema(args.includes('--check'), print);
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

if (process.argv[1] && /rules\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (status) => process.exit(status),
    (error: unknown) => {
      console.error(`rules: ${(error as Error).message}`);
      process.exit(2);
    },
  );
}
