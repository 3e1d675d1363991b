import { RULE_OUTCOMES } from '../engine/decision';
import { clip, echo } from '../engine/echo';
import { FACT_NAMES, dotted, factSpec, lookupPath, type PathLookup } from '../engine/fact-catalogue';
import { measureJson } from './json-measure';
import { MAX_JSON_DEPTH, parseJsonWithPositions, JsonSyntaxError, type PathSegment, type SourcePosition } from './json-source';
import { checkOperator, kindOf, MAX_LIST_ENTRIES, type ValueKind } from './operator-specs';
import { MAX_MATCH_WAYS, MAX_POLICY_MATCH_WAYS, matchTries } from '../engine/pattern-safety';
import { MAX_POLICY_BYTES } from './policy-schema';
import { schemaProblems } from './policy-schema-check';
import { didYouMean } from '../engine/suggest';

/**
 * The policy validator: every problem of a policy in one pass, each with the rule it is in and the
 * place in the file, and a suggestion for a misspelt name. It guards loading at start-up, live
 * reload, the dry run and `npm run rules:validate`.
 */

export interface PolicyProblem {
  /** Where in the document: `['rules', 3, 'conditions', 'all', 0, 'operator']`. */
  path: PathSegment[];
  /** The name of the rule the problem is in, when it is in one. */
  rule: string | null;
  message: string;
  /** Set when the policy came from text. */
  position: SourcePosition | null;
}

const show = echo;
const ROOT_KEYS = ['$schema', 'name', 'description', 'defaultOutcome', 'rules'];
const RULE_KEYS = ['name', 'description', 'priority', 'conditions', 'event'];
const EVENT_KEYS = ['type', 'params'];
const PARAM_KEYS = ['code', 'message'];
const LEAF_KEYS = ['fact', 'path', 'operator', 'value', 'params', 'priority', 'name'];
const BOOLEAN_KEYS = ['all', 'any', 'not', 'priority', 'name'];
/**
 * How deep `all`/`any`/`not` groups may nest, the condition in the deepest one counted. Far more than a
 * policy needs; without a limit a dry-run policy some 2,000 levels deep overflowed the stack (a server
 * error instead of a refusal), and the engine walks conditions recursively too.
 */
const MAX_CONDITION_DEPTH = 64;
const MAX_RULES = 100;
const MAX_CONDITIONS = 1_000;
export { MAX_LIST_ENTRIES, MAX_POLICY_BYTES };

type Report = (path: PathSegment[], message: string, at?: 'key' | 'value') => void;

type Locate = (path: PathSegment[], key: boolean) => SourcePosition | null;

/** Checks a parsed policy document. `locate` maps a path to its place in the source text, when there is one. */
export function validatePolicyDocument(document: unknown, locate: Locate = () => null): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const inRule: { name: string | null } = { name: null };
  const report = reporter(problems, locate, inRule);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    report([], 'a policy must be a JSON object with "name", "defaultOutcome" and "rules"');
    return problems;
  }
  if (!withinSize(document, report)) return problems;
  const doc = document as Record<string, unknown>;
  checkRoot(doc, report);
  if (!Array.isArray(doc.rules)) {
    report(['rules'], '"rules" must be a list of rules');
    return problems;
  }
  if (!withinRuleBounds(doc.rules, report)) return problems;
  checkRules(doc.rules, report, locate, inRule);
  if (problems.length === 0) checkPatternBudget(doc.rules, report);
  if (problems.length === 0) {
    for (const p of schemaProblems(document)) report(p.path, p.message);
  }
  return problems;
}

/**
 * Adds problems to `problems`, each in the rule being checked (`inRule`) and at the place of its path,
 * else of the nearest enclosing value that has one.
 */
function reporter(problems: PolicyProblem[], locate: Locate, inRule: { name: string | null }): Report {
  return (path, message, at = 'value') => {
    let position = locate(path, at === 'key');
    for (let p = path.slice(0, -1); position === null && p.length >= 0; p = p.slice(0, -1)) {
      position = locate(p, false);
      if (p.length === 0) break;
    }
    problems.push({ path, rule: inRule.name, message, position });
  };
}

/** False (and reported) when the document is nested too deep or is too large to check further. */
function withinSize(document: object, report: Report): boolean {
  // Measured up to a few times the limit, so that the size is told but a huge one is not walked whole.
  const size = measureJson(document, MAX_JSON_DEPTH, 4 * MAX_POLICY_BYTES);
  if (size.tooDeep) {
    // A policy from GraphQL or code has not been through the file parser's limit; compiling one
    // nested thousands deep (a condition's params, say) would overflow the stack.
    report(size.tooDeep, `nested more than ${MAX_JSON_DEPTH} levels deep`);
    return false;
  }
  if (size.bytes > MAX_POLICY_BYTES) {
    report([], `a policy is at most ${kib(MAX_POLICY_BYTES)} as compact JSON; this one is ${size.complete ? kib(size.bytes) : `over ${kib(4 * MAX_POLICY_BYTES)}`}`);
    return false;
  }
  return true;
}

function checkRoot(doc: Record<string, unknown>, report: Report): void {
  unknownKeys(doc, ROOT_KEYS, [], report);
  if (typeof doc.name !== 'string' || doc.name.trim() === '') report(['name'], '"name" is required: a non-empty string');
  if (!RULE_OUTCOMES.includes(doc.defaultOutcome as never)) {
    report(
      ['defaultOutcome'],
      `"defaultOutcome" must be one of ${RULE_OUTCOMES.join(', ')}${typeof doc.defaultOutcome === 'string' ? didYouMean(doc.defaultOutcome, RULE_OUTCOMES) : ''}`,
    );
  }
}

/** False (and reported) when the policy has more rules or conditions than a decision may evaluate. */
function withinRuleBounds(rules: unknown[], report: Report): boolean {
  // Every decision evaluates every rule, and an explanation's counterfactuals re-evaluate them for each
  // candidate change, on the gateway's one event loop: a policy without bounds would stall it.
  if (rules.length > MAX_RULES) {
    report(['rules'], `a policy has at most ${MAX_RULES} rules; this one has ${rules.length}`);
    return false;
  }
  const conditions = countConditions(rules);
  if (conditions > MAX_CONDITIONS) {
    report(['rules'], `a policy has at most ${MAX_CONDITIONS} conditions over all its rules; this one has ${conditions}`);
    return false;
  }
  return true;
}

/** Checks each rule, with `inRule` naming it while it is checked. */
function checkRules(rules: unknown[], report: Report, locate: Locate, inRule: { name: string | null }): void {
  const seen = new Map<string, PathSegment[]>();
  rules.forEach((r, i) => {
    const path: PathSegment[] = ['rules', i];
    const ruleDoc = r as Record<string, unknown>;
    inRule.name = typeof ruleDoc?.name === 'string' && ruleDoc.name !== '' ? clip(ruleDoc.name) : null;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      report(path, 'a rule must be an object with "name", "conditions" and "event"');
      return;
    }
    checkRule(ruleDoc, path, seen, report, locate);
  });
  inRule.name = null;
}

function checkPatternBudget(rules: unknown[], report: Report): void {
  const tries = patternTries(rules);
  if (tries > MAX_POLICY_MATCH_WAYS) {
    const perFact = MAX_MATCH_WAYS.toLocaleString('en');
    report(
      ['rules'],
      `the policy's matchesPattern conditions together have too many ways to match (over ` +
        `${MAX_POLICY_MATCH_WAYS.toLocaleString('en')}, a pattern from a fact counting ${perFact}); use fewer, anchored ` +
        `or bounded patterns`,
    );
  }
}

function checkRule(rule: Record<string, unknown>, path: PathSegment[], seen: Map<string, PathSegment[]>, report: Report, locate: Locate): void {
  unknownKeys(rule, RULE_KEYS, path, report);
  if (typeof rule.name !== 'string' || rule.name.trim() === '') {
    report([...path, 'name'], 'every rule needs a "name": a non-empty string');
  } else if (seen.has(rule.name)) {
    const first = locate([...seen.get(rule.name)!, 'name'], false);
    report([...path, 'name'], `duplicate rule name ${show(rule.name)}${first ? ` (first at line ${first.line})` : ''}: names must be unique`);
  } else {
    seen.set(rule.name, path);
  }
  if ('priority' in rule && !(Number.isInteger(rule.priority) && (rule.priority as number) > 0)) {
    report([...path, 'priority'], `priority ${show(rule.priority)} must be a positive integer (higher runs first)`);
  }
  checkEvent(rule.event, [...path, 'event'], report);
  if (!('conditions' in rule)) report(path, 'every rule needs "conditions"');
  else checkCondition(rule.conditions, [...path, 'conditions'], report, 1);
}

function checkEvent(event: unknown, path: PathSegment[], report: Report): void {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    report(path, 'every rule needs an "event": {"type": outcome, "params": {"code", "message"}}');
    return;
  }
  const e = event as Record<string, unknown>;
  unknownKeys(e, EVENT_KEYS, path, report);
  if (!RULE_OUTCOMES.includes(e.type as never)) {
    const hint = typeof e.type === 'string' ? didYouMean(e.type, RULE_OUTCOMES) : '';
    report([...path, 'type'], `event type ${show(e.type)} is not an outcome (${RULE_OUTCOMES.join(', ')})${hint}`);
  }
  const params = e.params as Record<string, unknown> | undefined;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    report([...path, 'params'], 'event.params must be {"code": ..., "message": ...}');
    return;
  }
  unknownKeys(params, PARAM_KEYS, [...path, 'params'], report);
  if (typeof params.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(params.code)) {
    report([...path, 'params', 'code'], 'event.params.code must be an UPPER_SNAKE_CASE reason code');
  }
  if (typeof params.message !== 'string' || params.message.trim() === '') report([...path, 'params', 'message'], 'event.params.message must be a non-empty string');
}

/** `depth` is 1 for a rule's `conditions`. */
function checkCondition(node: unknown, path: PathSegment[], report: Report, depth: number): void {
  const root = depth === 1;
  if (depth > MAX_CONDITION_DEPTH) {
    report(path, `conditions nest more than ${MAX_CONDITION_DEPTH} levels deep (the limit is ${MAX_CONDITION_DEPTH}): flatten the groups`);
    return;
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    report(path, `${root ? '"conditions"' : 'a condition'} must be an object: {"all": [...]}, {"any": [...]}, {"not": {...}}${root ? '' : ' or {"fact", "operator", "value"}'}`);
    return;
  }
  const n = node as Record<string, unknown>;
  if ('condition' in n) {
    report([...path, 'condition'], 'shared conditions ("condition": name) are not supported in a policy file: write the conditions out', 'key');
    return;
  }
  if ('priority' in n && !(Number.isInteger(n.priority) && (n.priority as number) > 0)) report([...path, 'priority'], `priority ${show(n.priority)} must be a positive integer`);
  const booleans = ['all', 'any', 'not'].filter((k) => k in n);
  if (booleans.length > 1) report(path, `use one of "all", "any" or "not" per object, not ${booleans.map((b) => `"${b}"`).join(' and ')}`);
  if (booleans.length > 0) {
    unknownKeys(n, BOOLEAN_KEYS, path, report);
    const key = booleans[0]!;
    if (key === 'not') checkCondition(n.not, [...path, 'not'], report, depth + 1);
    else if (!Array.isArray(n[key])) report([...path, key], `"${key}" must be a list of conditions`);
    else (n[key] as unknown[]).forEach((c, i) => checkCondition(c, [...path, key, i], report, depth + 1));
    return;
  }
  if (root) {
    report(path, '"conditions" must start with "all", "any" or "not"');
    return;
  }
  unknownKeys(n, LEAF_KEYS, path, report);
  const target = checkFactPath(n, path, report);
  if (!('operator' in n)) report(path, 'a condition needs an "operator"');
  else if (typeof n.operator !== 'string') report([...path, 'operator'], 'the operator must be a string');
  if (!('value' in n)) {
    report(path, 'a condition needs a "value"');
    return;
  }
  if (Array.isArray(n.value) && n.value.length > MAX_LIST_ENTRIES) {
    report([...path, 'value'], `a value list has at most ${MAX_LIST_ENTRIES} entries; this one has ${n.value.length.toLocaleString('en')}`);
    return;
  }
  const valueIsFact = typeof n.value === 'object' && n.value !== null && !Array.isArray(n.value) && 'fact' in n.value;
  if (valueIsFact) checkFactPath(n.value as Record<string, unknown>, [...path, 'value'], report);
  if (typeof n.operator === 'string') {
    for (const p of checkOperator(n.operator, target?.kind, n.value, target?.allowed, target?.label ?? 'the fact', valueIsFact)) {
      report([...path, p.on], p.message);
    }
  }
}

/** Checks `fact` and `path` of a condition (or of a fact reference); returns what they resolve to. */
function checkFactPath(n: Record<string, unknown>, path: PathSegment[], report: Report): { kind: ValueKind; allowed?: readonly string[]; label: string } | undefined {
  if (typeof n.fact !== 'string') {
    report(path, 'a condition needs a "fact": one of ' + FACT_NAMES.join(', '));
    return undefined;
  }
  const fact = factSpec(n.fact);
  if (!fact) {
    report([...path, 'fact'], `unknown fact ${show(n.fact)}${didYouMean(n.fact, FACT_NAMES, show)}`);
    return undefined;
  }
  if ('path' in n && typeof n.path !== 'string') {
    report([...path, 'path'], 'the path must be a string such as "$.liveness"');
    return undefined;
  }
  const written = n.path as string | undefined;
  const found: PathLookup = lookupPath(fact, written);
  const label = dotted(fact.name, written);
  switch (found.kind) {
    case 'field':
      return { kind: kindOf(found.spec.type), allowed: found.spec.values, label };
    case 'map-entry':
      return { kind: kindOf(found.spec.type), allowed: found.spec.values, label };
    case 'map':
    case 'object':
      return { kind: 'object', label };
    case 'unknown': {
      if (found.problem) report([...path, 'path'], found.problem);
      else {
        const hint = didYouMean(
          label,
          found.candidates.map((c) => dotted(fact.name, c)),
        );
        report([...path, 'path'], `unknown path ${clip(label)}${hint || `: ${fact.name} has ${found.candidates.map((c) => dotted(fact.name, c)).join(', ')}`}`);
      }
      return undefined;
    }
  }
}

function unknownKeys(object: Record<string, unknown>, allowed: readonly string[], path: PathSegment[], report: Report): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) report([...path, key], `unknown property ${show(key)}${didYouMean(key, allowed, show)}`, 'key');
  }
}

/**
 * Parses and checks policy text; a syntax error is the one problem of text that is not JSON. Files are
 * passed as their bytes so that bytes that are not UTF-8 are refused here, for every reader alike,
 * instead of quietly becoming U+FFFD (a Latin-1 "é" would otherwise load as a different string).
 */
export function validatePolicyText(source: string | Uint8Array): { document: unknown; problems: PolicyProblem[] } {
  const decoded = typeof source === 'string' ? { text: source } : decodeUtf8(source);
  if ('problem' in decoded) return { document: undefined, problems: [decoded.problem] };
  const { text } = decoded;
  let parsed;
  try {
    parsed = parseJsonWithPositions(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { document: undefined, problems: [{ path: [], rule: null, message: `not JSON: ${error.message}`, position: error.position }] };
  }
  const problems = validatePolicyDocument(parsed.value, (path, key) => parsed.locate(path, key));
  const rules = (parsed.value as { rules?: unknown } | null)?.rules;
  for (const { path } of parsed.duplicateKeys) {
    const inRule = path[0] === 'rules' && typeof path[1] === 'number' && Array.isArray(rules) ? (rules[path[1]] as { name?: unknown } | null)?.name : null;
    const rule = typeof inRule === 'string' ? clip(inRule) : null;
    problems.push({ path, rule, message: `${show(path.at(-1))} appears twice in one object (only the last would count)`, position: parsed.locate(path, true) });
  }
  problems.sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0));
  return { document: parsed.value, problems };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: PolicyProblem } {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    // Line and column counted as the JSON parser counts them, on the text before the bad byte.
    const before = utf8.decode(bytes.subarray(0, bad));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const byte = `0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')}`;
    return { problem: { path: [], rule: null, message: `not UTF-8: byte ${byte} (save the file as UTF-8)`, position: { line, column } } };
  }
}

/** Index of the first byte that does not begin a well-formed UTF-8 sequence (the input has one). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    // Continuation bytes after the lead, and the smallest code point that needs that many (no overlongs).
    const [more, min] = lead >= 0xc2 && lead <= 0xdf ? [1, 0x80] : lead >= 0xe0 && lead <= 0xef ? [2, 0x800] : lead >= 0xf0 && lead <= 0xf4 ? [3, 0x10000] : [0, 0];
    if (more === 0 || i + more >= bytes.length) return i;
    let codePoint = lead & (0x3f >> more);
    for (let k = 1; k <= more; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += more + 1;
  }
  return i;
}

/** `file:line:column  rule "name"  message`, the line every tool prints for a problem. */
export function formatProblem(file: string, problem: PolicyProblem): string {
  const where = problem.position ? `${file}:${problem.position.line}:${problem.position.column}` : file;
  return [where, problem.rule !== null ? `rule ${show(problem.rule)}` : null, problem.message].filter((s) => s !== null).join('  ');
}

/** `rules[3].conditions.all[0].operator`, for clients that have no file; a long key is clipped. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? clip(s) : `.${clip(s)}`)).join('');
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} KiB`;
}

/**
 * The ways every matchesPattern condition of the rules may try, summed (see MAX_POLICY_MATCH_WAYS).
 * Runs on a policy without other problems, so every pattern is a valid one.
 */
function patternTries(rules: unknown[]): number {
  let tries = 0;
  eachObject(rules, (n) => {
    if (!(typeof n.operator === 'string' && typeof n.fact === 'string' && n.operator.split(':').at(-1) === 'matchesPattern')) return true;
    const patterns = Array.isArray(n.value) ? n.value : [n.value];
    for (const p of patterns) tries += typeof p === 'string' ? matchTries(p) : MAX_MATCH_WAYS;
    return false;
  });
  return tries;
}

/** How many conditions (objects naming a fact) the rules hold, at any depth. */
function countConditions(rules: unknown[]): number {
  let count = 0;
  eachObject(rules, (n) => {
    if ('fact' in n) count += 1;
    return true;
  });
  return count;
}

/**
 * Visits every object in `rules` at any depth, iteratively (a policy may be nested deeper than the
 * stack allows); where `visit` returns false, what is inside that object is not visited.
 */
function eachObject(rules: unknown[], visit: (node: Record<string, unknown>) => boolean): void {
  const stack: unknown[] = [...rules];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === 'object' && v !== null) {
      const node = v as Record<string, unknown>;
      if (visit(node)) stack.push(...Object.values(node));
    }
  }
}
