import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile, parsePolicy, parsePolicyText, PolicyError } from '../../../src/decision/authoring/policy-loader';
import { ECHO_LENGTH } from '../../../src/decision/engine/echo';
import { formatPath, formatProblem, MAX_LIST_ENTRIES, MAX_POLICY_BYTES, validatePolicyDocument, validatePolicyText } from '../../../src/decision/authoring/policy-validator';
import { schemaProblems } from '../../../src/decision/authoring/policy-schema-check';

const DEFAULT = readFileSync(join(__dirname, '../../../rules/policy.json'), 'utf8');

/** A policy text with one rule whose condition and extras are given, laid out one property per line. */
function policyText(condition: string, extra = '', event = '"type": "REJECT", "params": { "code": "X", "message": "x" }'): string {
  return [
    '{',
    '  "name": "p",',
    '  "defaultOutcome": "APPROVE",',
    '  "rules": [',
    '    {',
    '      "name": "r1",',
    `      ${extra}"conditions": { "all": [ ${condition} ] },`,
    `      "event": { ${event} }`,
    '    }',
    '  ]',
    '}',
  ].join('\n');
}

const event = { type: 'REVIEW', params: { code: 'X', message: 'x' } };
const policyOf = (...conditions: unknown[]) => ({ name: 'p', defaultOutcome: 'APPROVE', rules: conditions.map((c, i) => ({ name: `r${i}`, conditions: { all: [c] }, event })) });
const countries = (n: number) => Array.from({ length: n }, (_, i) => `C${i}`);
const messages = (document: unknown) => validatePolicyDocument(document).map((p) => p.message);
const lines = (text: string) => validatePolicyText(text).problems.map((p) => formatProblem('p.json', p));

describe('policy validator', () => {
  it('accepts the default policy', () => {
    expect(validatePolicyText(DEFAULT).problems).toEqual([]);
  });

  it('at most 100 rules and 1,000 conditions: a bigger policy is refused before anything else', () => {
    const rule = (i: number, conditions: number) => ({
      name: `r${i}`,
      conditions: { all: Array.from({ length: conditions }, () => ({ fact: 'face', path: '$.similarity', operator: 'lessThan', value: 70 })) },
      event: { type: 'REVIEW', params: { code: 'X', message: 'x' } },
    });
    const policy = (rules: unknown[]) => ({ name: 'big', defaultOutcome: 'APPROVE', rules });
    expect(validatePolicyDocument(policy(Array.from({ length: 100 }, (_, i) => rule(i, 10))))).toEqual([]);
    expect(validatePolicyDocument(policy(Array.from({ length: 101 }, (_, i) => rule(i, 1)))).map((p) => p.message)).toEqual(['a policy has at most 100 rules; this one has 101']);
    expect(validatePolicyDocument(policy([rule(0, 1_000), rule(1, 1)])).map((p) => p.message)).toEqual([
      'a policy has at most 1000 conditions over all its rules; this one has 1001',
    ]);
  });

  it('not JSON: the syntax error with its line and column', () => {
    const text = DEFAULT.replace('"priority": 100,', '"priority": 100');
    const [problem, ...rest] = lines(text);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^p\.json:9:7 {2}not JSON: expected "," or "}" after the value of "priority"/);
  });

  it('unknown fact, with a suggestion', () => {
    expect(lines(policyText('{ "fact": "fase", "path": "$.liveness", "operator": "lessThan", "value": 50 }'))).toEqual([
      'p.json:7:42  rule "r1"  unknown fact "fase": did you mean "face"?',
    ]);
  });

  it('unknown path, with a suggestion in dotted form', () => {
    expect(lines(policyText('{ "fact": "face", "path": "$.livness", "operator": "lessThan", "value": 50 }'))).toEqual([
      'p.json:7:58  rule "r1"  unknown path face.livness: did you mean face.liveness?',
    ]);
    expect(lines(policyText('{ "fact": "vendors", "path": "$.codes.ADVANCE", "operator": "equal", "value": "X" }'))[0]).toContain(
      'unknown path vendors.codes.ADVANCE: did you mean vendors.codes.ADVANCE_AI?',
    );
    expect(lines(policyText('{ "fact": "face", "path": "$.pose", "operator": "lessThan", "value": 50 }'))[0]).toContain(
      'unknown path face.pose: face has face.liveness, face.similarity',
    );
  });

  it('a path without "$.": says a path starts with "$.", with the path meant', () => {
    expect(lines(policyText('{ "fact": "face", "path": "similarity", "operator": "lessThan", "value": 50 }'))).toEqual([
      'p.json:7:58  rule "r1"  a path starts with "$." (e.g. "$.similarity"), not "similarity"',
    ]);
    expect(lines(policyText('{ "fact": "vendors", "path": "codes.ADVANCE_AI", "operator": "equal", "value": "X" }'))[0]).toContain(
      'a path starts with "$." (e.g. "$.codes.ADVANCE_AI"), not "codes.ADVANCE_AI"',
    );
  });

  it('unknown operator, with "did you mean"', () => {
    expect(lines(policyText('{ "fact": "face", "path": "$.liveness", "operator": "lessThen", "value": 50 }'))).toEqual([
      'p.json:7:84  rule "r1"  unknown operator "lessThen": did you mean "lessThan"?',
    ]);
    expect(lines(policyText('{ "fact": "face", "path": "$.liveness", "operator": "nott:lessThan", "value": 50 }'))[0]).toContain(
      'unknown operator "nott:lessThan": did you mean "not"?',
    );
  });

  it('event type that is not an outcome', () => {
    const text = policyText('{ "fact": "face", "path": "$.liveness", "operator": "lessThan", "value": 50 }', '', '"type": "REJCT", "params": { "code": "X", "message": "x" }');
    expect(lines(text)).toEqual(['p.json:8:26  rule "r1"  event type "REJCT" is not an outcome (APPROVE, REVIEW, REJECT): did you mean REJECT?']);
  });

  it('duplicate rule name, pointing at the first', () => {
    const text = DEFAULT.replace('"name": "similarity-fail"', '"name": "liveness-attack"');
    expect(lines(text)).toEqual(['p.json:13:15  rule "liveness-attack"  duplicate rule name "liveness-attack" (first at line 7): names must be unique']);
  });

  it('priority "high" (json-rules-engine would silently read NaN)', () => {
    const text = policyText('{ "fact": "face", "path": "$.liveness", "operator": "lessThan", "value": 50 }', '"priority": "high", ');
    expect(lines(text)).toEqual(['p.json:7:19  rule "r1"  priority "high" must be a positive integer (higher runs first)']);
    expect(lines(text.replace('"high"', '1.5'))[0]).toContain('priority 1.5 must be a positive integer');
    expect(lines(text.replace('"high"', '0'))[0]).toContain('priority 0 must be a positive integer');
  });

  it('an operator that cannot read the fact, and a value the operator cannot use', () => {
    expect(lines(policyText('{ "fact": "forgery", "path": "$.kinds", "operator": "lessThan", "value": 2 }'))[0]).toContain(
      'operator lessThan reads a number, but forgery.kinds is a list',
    );
    expect(lines(policyText('{ "fact": "forgery", "path": "$.kinds", "operator": "containsAny", "value": ["FORGD"] }'))[0]).toContain(
      'containsAny: "FORGD" is not one of FORGED, PHOTOCOPY, SCREEN_CAPTURE, ID_FORMAT_INVALID, CORNER_CLIPPED, CORNER_MISSING: did you mean "FORGED"?',
    );
    expect(lines(policyText('{ "fact": "face", "path": "$.liveness", "operator": "in", "value": 5 }'))[0]).toContain('in: the value must be a list');
  });

  it('matchesPattern: a pattern that could backtrack for seconds is refused at its value; the policies in rules/ still pass', () => {
    expect(lines(policyText('{ "fact": "country", "operator": "matchesPattern", "value": "^(a+)+$" }'))).toEqual([
      'p.json:7:92  rule "r1"  matchesPattern: the pattern could run too long: it repeats "(a+)+", which itself has a ' +
        'choice (a quantifier or |): that can take exponential time; repeat a single character or class instead ' +
        '("(a+)+" is "a+", "(a|b)+" is "[ab]+")',
    ]);
    expect(lines(policyText('{ "fact": "vendors", "path": "$.codes.HUAWEI_OCR", "operator": "not:matchesPattern", "value": "(.)\\\\1" }'))[0]).toContain(
      'matchesPattern: the pattern could run too long: it uses a backreference (\\1)',
    );
    expect(lines(policyText('{ "fact": "forgery", "path": "$.kinds", "operator": "someFact:matchesPattern", "value": "\\\\w*\\\\w*\\\\w*X" }'))[0]).toContain(
      'matchesPattern: the pattern could run too long: it has too many ways to match',
    );
    const examples = readFileSync(join(__dirname, '../../../rules/examples/consistency-checks.json'), 'utf8');
    expect(examples).toContain('matchesPattern');
    expect(validatePolicyText(examples).problems).toEqual([]);
  });

  it('every problem in one run, in file order', () => {
    const text = policyText('{ "fact": "fase", "operator": "lessThen", "value": 50 }', '"priority": "high", ', '"type": "DENY", "params": { "code": "X", "message": "x" }');
    const found = lines(text);
    expect(found.map((l) => l.split('  ').slice(2).join('  '))).toEqual([
      'priority "high" must be a positive integer (higher runs first)',
      'unknown fact "fase": did you mean "face"?',
      'unknown operator "lessThen": did you mean "lessThan"?',
      'event type "DENY" is not an outcome (APPROVE, REVIEW, REJECT)',
    ]);
  });

  it('misspelt properties, missing parts, shared conditions and keys given twice', () => {
    const text = policyText('{ "fact": "face", "path": "$.liveness", "operator": "lessThan", "value": 50 }', '"priorty": 2, ');
    expect(lines(text)).toEqual(['p.json:7:7  rule "r1"  unknown property "priorty": did you mean "priority"?']);
    expect(lines(policyText('{ "condition": "shared" }'))[0]).toContain('shared conditions ("condition": name) are not supported');
    expect(lines(policyText('{ "fact": "face", "path": "$.liveness", "operator": "lessThan" }'))[0]).toContain('a condition needs a "value"');
    expect(lines('{"name": "p", "name": "q", "defaultOutcome": "APPROVE", "rules": []}')).toEqual(['p.json:1:15  "name" appears twice in one object (only the last would count)']);
    expect(lines(policyText('{ "fact": "face", "path": "$.liveness", "operator": "lessThan", "value": 50, "value": 60 }'))).toEqual([
      'p.json:7:109  rule "r1"  "value" appears twice in one object (only the last would count)',
    ]);
  });

  it('decorated operators are checked through their decorators', () => {
    expect(lines(policyText('{ "fact": "forgery", "path": "$.kinds", "operator": "someFact:equal", "value": "FORGED" }'))).toEqual([]);
    expect(lines(policyText('{ "fact": "face", "path": "$.liveness", "operator": "not:lessThan", "value": 50 }'))).toEqual([]);
    expect(lines(policyText('{ "fact": "face", "path": "$.liveness", "operator": "someFact:lessThan", "value": 50 }'))[0]).toContain(
      'someFact needs a list, but face.liveness is a number',
    );
  });

  it('a document (no text) is checked the same, with the path of each problem', () => {
    const problems = validatePolicyDocument({
      name: 'p',
      defaultOutcome: 'APPROVE',
      rules: [{ name: 'r', priority: 'high', conditions: { all: [] }, event: { type: 'REJECT', params: { code: 'X', message: 'x' } } }],
    });
    expect(problems).toEqual([{ path: ['rules', 0, 'priority'], rule: 'r', message: 'priority "high" must be a positive integer (higher runs first)', position: null }]);
  });

  it('bytes that are not UTF-8 (a Latin-1 "é"): refused at the line and column of the first bad byte', () => {
    const latin1 = Buffer.concat([Buffer.from('{\n  "name": "été café'), Buffer.from([0xe9]), Buffer.from('",\n  "defaultOutcome": "APPROVE",\n  "rules": []\n}')]);
    expect(validatePolicyText(latin1).problems.map((p) => formatProblem('p.json', p))).toEqual(['p.json:2:20  not UTF-8: byte 0xE9 (save the file as UTF-8)']);
    // The same text in UTF-8 is fine.
    expect(validatePolicyText(Buffer.from(DEFAULT)).problems).toEqual([]);
    const file = join(mkdtempSync(join(tmpdir(), 'policy-bytes-')), 'policy.json');
    writeFileSync(file, latin1);
    expect(() => loadPolicyFile(file)).toThrow(`${file}:2:20  not UTF-8: byte 0xE9`);
  });

  it('guards loading: parsePolicy and loadPolicyFile throw every problem', () => {
    expect(() => parsePolicy({ name: 'p', defaultOutcome: 'MAYBE', rules: [] })).toThrow(/defaultOutcome" must be one of APPROVE, REVIEW, REJECT/);
    let error: unknown;
    try {
      parsePolicyText(policyText('{ "fact": "fase", "operator": "lessThen", "value": 50 }'), 'rules/policy.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).problems).toEqual([
      'rules/policy.json:7:42  rule "r1"  unknown fact "fase": did you mean "face"?',
      'rules/policy.json:7:62  rule "r1"  unknown operator "lessThen": did you mean "lessThan"?',
    ]);
    expect(() => loadPolicyFile('/no/such/policy.json')).toThrow(/cannot read: ENOENT/);
  });
});

describe('policy size limits', () => {
  it(`a value list of ${MAX_LIST_ENTRIES} entries passes; one more (or 10,000) is refused at the value, for any operator`, () => {
    expect(messages(policyOf({ fact: 'country', operator: 'in', value: countries(MAX_LIST_ENTRIES) }))).toEqual([]);
    for (const operator of ['in', 'notIn', 'swap:in']) {
      const problems = validatePolicyDocument(policyOf({ fact: 'country', operator, value: countries(10_000) }));
      expect(problems.map((p) => [p.path, p.message])).toEqual([[['rules', 0, 'conditions', 'all', 0, 'value'], 'a value list has at most 256 entries; this one has 10,000']]);
    }
    const kinds = Array.from({ length: MAX_LIST_ENTRIES + 1 }, () => 'FORGED');
    expect(messages(policyOf({ fact: 'forgery', path: '$.kinds', operator: 'containsAny', value: kinds }))).toEqual(['a value list has at most 256 entries; this one has 257']);
  });

  it('the JSON Schema says the same of in, notIn and containsAny', () => {
    const problems = schemaProblems(policyOf({ fact: 'country', operator: 'notIn', value: countries(MAX_LIST_ENTRIES + 1) }));
    expect(problems.map((p) => p.message)).toContain('does not match the policy schema at /rules/0/conditions/all/0/value: must NOT have more than 256 items');
    expect(schemaProblems(policyOf({ fact: 'country', operator: 'notIn', value: countries(MAX_LIST_ENTRIES) }))).toEqual([]);
  });

  it(`a policy over ${MAX_POLICY_BYTES / 1024} KiB as compact JSON is refused before anything else, from text and documents alike`, () => {
    const big = { ...policyOf({ fact: 'country', operator: 'equal', value: 'KH' }), description: 'x'.repeat(MAX_POLICY_BYTES) };
    expect(messages(big)).toEqual(['a policy is at most 256 KiB as compact JSON; this one is 256.2 KiB']);
    // Indentation does not count: the same policy pretty-printed is measured as compact JSON.
    const fits = { ...policyOf({ fact: 'country', operator: 'equal', value: 'KH' }), description: 'x'.repeat(MAX_POLICY_BYTES - 1_000) };
    expect(validatePolicyText(JSON.stringify(fits, null, 8)).problems).toEqual([]);
    expect(validatePolicyText(JSON.stringify(big)).problems.map((p) => p.message)).toEqual(['a policy is at most 256 KiB as compact JSON; this one is 256.2 KiB']);
    // Bytes, not characters: 140,000 "é" are 280,000 bytes (140,000 characters would fit).
    const wide = { ...policyOf({ fact: 'country', operator: 'equal', value: 'KH' }), description: 'é'.repeat(140_000) };
    expect(messages(wide)).toEqual(['a policy is at most 256 KiB as compact JSON; this one is 273.6 KiB']);
  });

  it('patterns: each within its own limit, but together over 4,000,000 ways is refused; a pattern from a fact counts 1,000,000', () => {
    // ^a{0,99}a{0,99}a{0,99}! has 100^3 = 1,000,000 ways: the single-pattern limit.
    const heavy = (i: number) => ({ fact: 'country', operator: 'matchesPattern', value: `^a{0,99}a{0,99}a{0,99}!${i}` });
    expect(messages(policyOf(...[0, 1, 2, 3].map(heavy)))).toEqual([]);
    const refusal =
      "the policy's matchesPattern conditions together have too many ways to match (over 4,000,000, a pattern from a " +
      'fact counting 1,000,000); use fewer, anchored or bounded patterns';
    expect(messages(policyOf(...[0, 1, 2, 3, 4].map(heavy)))).toEqual([refusal]);
    const fromFact = { fact: 'vendors', path: '$.codes.ADVANCE_AI', operator: 'matchesPattern', value: { fact: 'vendors', path: '$.codes.VERIHUBS' } };
    expect(messages(policyOf(...[0, 1, 2, 3].map(heavy), fromFact))).toEqual([refusal]);
    // Simple patterns are nowhere near: 1,000 conditions of ^[A-Z]{2}$ (1 way each) pass.
    const rules = Array.from({ length: 100 }, (_, i) => ({
      name: `r${i}`,
      conditions: { all: Array.from({ length: 10 }, () => ({ fact: 'country', operator: 'matchesPattern', value: '^[A-Z]{2}$' })) },
      event,
    }));
    expect(messages({ name: 'p', defaultOutcome: 'APPROVE', rules })).toEqual([]);
  });
});

describe('problems quote keys and values clipped', () => {
  const huge = 'k'.repeat(20_000);

  it('an unknown key, fact, path, operator, priority, outcome and rule name of 20,000 characters: each problem is short', () => {
    const policy = {
      name: 'p',
      defaultOutcome: huge,
      [huge]: 1,
      rules: [
        {
          name: huge,
          priority: huge,
          conditions: {
            all: [
              { fact: huge, operator: 'equal', value: 1 },
              { fact: 'face', path: `$.${huge}`, operator: 'lessThan', value: 1 },
              { fact: 'face', path: huge, operator: 'lessThan', value: 1 },
              { fact: 'face', path: '$.liveness', operator: huge, value: 1 },
              { fact: 'documentType', operator: 'equal', value: huge },
            ],
          },
          event: { type: huge, params: { code: 'X', message: 'x' } },
        },
        { name: huge, conditions: { all: [{ fact: 'country', operator: 'equal', value: 'KH' }] }, event },
      ],
    };
    const problems = validatePolicyDocument(policy);
    expect(problems.length).toBeGreaterThanOrEqual(9);
    for (const p of problems) {
      expect(p.message.length).toBeLessThan(300);
      expect(formatPath(p.path).length).toBeLessThan(200);
      expect(formatProblem('p.json', p).length).toBeLessThan(500);
      if (p.rule !== null) expect(p.rule).toBe(`${'k'.repeat(ECHO_LENGTH)}…`);
    }
    expect(problems.find((p) => p.path[0] !== 'rules')!.message).toBe(`unknown property "${'k'.repeat(ECHO_LENGTH - 1)}…`);
    expect(() => parsePolicy(policy)).toThrow(PolicyError);
    try {
      parsePolicy(policy);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(5_000);
    }
  });

  it('from text too: a key given twice, and a syntax error after a huge key', () => {
    const twice = `{"name": "p", "defaultOutcome": "APPROVE", "rules": [], "${huge}": 1, "${huge}": 2}`;
    for (const p of validatePolicyText(twice).problems) expect(formatProblem('p.json', p).length).toBeLessThan(300);
    const broken = validatePolicyText(`{"${huge}" 1}`).problems;
    expect(broken.map((p) => p.message)).toEqual([`not JSON: expected ":" after the property name "${'k'.repeat(ECHO_LENGTH)}…"`]);
  });
});
