import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RULES = resolve(__dirname, '../../rules');

/** The default policy file's text. */
export const DEFAULT_POLICY = readFileSync(join(RULES, 'policy.json'), 'utf8');

/** A RULES_DIR of its own for a gateway under test, starting with the shipped policy and routing. */
export function tempRulesDir(): { dir: string; writePolicy(text: string): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  copyFileSync(join(RULES, 'routing.json'), join(dir, 'routing.json'));
  writeFileSync(join(dir, 'policy.json'), DEFAULT_POLICY);
  return { dir, writePolicy: (text) => writeFileSync(join(dir, 'policy.json'), text) };
}

/** The default policy with one rule's threshold changed: `withThreshold('$.min', 70, 20)`. */
export function withThreshold(path: string, from: number, to: number, text = DEFAULT_POLICY): string {
  const needle = `"path": "${path}", "operator": "lessThan", "value": ${from} }`;
  if (!text.includes(needle)) throw new Error(`no rule on ${path} < ${from}`);
  return text.replace(needle, `"path": "${path}", "operator": "lessThan", "value": ${to} }`);
}
