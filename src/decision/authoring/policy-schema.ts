import { FACTS, allPaths, type FactSpec } from '../engine/fact-catalogue';
import { ENGINE_DECORATOR_NAMES } from '../engine/operators';
import { MAX_LIST_ENTRIES, OPERATOR_NAMES } from './operator-specs';
import { RULE_OUTCOMES } from '../engine/decision';

/**
 * The most bytes of a policy written as compact JSON (UTF-8), wherever it comes from: every check
 * and evaluation walks it, and problems are computed on it before anything else.
 */
export const MAX_POLICY_BYTES = 256 * 1024;

/**
 * The JSON Schema of a policy file (`rules/policy.schema.json`), built from the fact catalogue and the
 * operators so an editor completes and checks exactly what the validator accepts. What a schema cannot
 * say (unique rule names, an operator's fact type) the validator still checks.
 */
export function policySchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'eKYC gateway policy',
    description:
      `json-rules-engine rules plus a default outcome. Rule names must be unique (checked by \`npm run ` +
      `rules:validate\`, which also checks that each operator suits its fact, and that the policy is at most ` +
      `${MAX_POLICY_BYTES / 1024} KiB as compact JSON).`,
    type: 'object',
    required: ['name', 'defaultOutcome', 'rules'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      name: { type: 'string', minLength: 1, description: 'The name of the policy, shown with its version.' },
      description: { type: 'string' },
      defaultOutcome: { enum: RULE_OUTCOMES, description: 'The outcome when no rule fires.' },
      rules: { type: 'array', items: { $ref: '#/definitions/rule' } },
    },
    definitions: {
      rule: ruleSchema(),
      rootCondition: { anyOf: [{ $ref: '#/definitions/all' }, { $ref: '#/definitions/any' }, { $ref: '#/definitions/not' }] },
      condition: { anyOf: [{ $ref: '#/definitions/all' }, { $ref: '#/definitions/any' }, { $ref: '#/definitions/not' }, { $ref: '#/definitions/leaf' }] },
      all: booleanNode('all', { type: 'array', items: { $ref: '#/definitions/condition' } }, 'Every condition holds.'),
      any: booleanNode('any', { type: 'array', items: { $ref: '#/definitions/condition' } }, 'At least one condition holds.'),
      not: booleanNode('not', { $ref: '#/definitions/condition' }, 'The condition does not hold.'),
      factRef: {
        type: 'object',
        description: 'Compare with another fact instead of a constant.',
        required: ['fact'],
        properties: { fact: { enum: FACTS.map((f) => f.name) }, path: { type: 'string' }, params: { type: 'object' } },
      },
      leaf: leafSchema(),
    },
  };
}

function ruleSchema(): Record<string, unknown> {
  return {
    type: 'object',
    required: ['name', 'conditions', 'event'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, description: 'Unique in the policy; reasons name the rule that fired.' },
      description: { type: 'string' },
      priority: { type: 'integer', minimum: 1, description: 'Higher runs first; a positive integer (default 1).' },
      conditions: { $ref: '#/definitions/rootCondition' },
      event: {
        type: 'object',
        required: ['type', 'params'],
        additionalProperties: false,
        properties: {
          type: { enum: RULE_OUTCOMES, description: 'The outcome when the rule fires.' },
          params: {
            type: 'object',
            required: ['code', 'message'],
            additionalProperties: false,
            properties: {
              code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', description: 'The reason code clients see.' },
              message: { type: 'string', pattern: '\\S', description: 'The reason in words.' },
            },
          },
        },
      },
    },
  };
}

/** A condition on one fact: which paths each fact has, and what value each operator takes. */
function leafSchema(): Record<string, unknown> {
  const decorated = `^((${ENGINE_DECORATOR_NAMES.join('|')}):)+(${OPERATOR_NAMES.join('|')})$`;
  return {
    type: 'object',
    required: ['fact', 'operator', 'value'],
    additionalProperties: false,
    properties: {
      fact: { enum: FACTS.map((f) => f.name), description: 'A fact of the catalogue (rules/README.md).' },
      path: { type: 'string', description: 'A JSON path inside the fact, e.g. "$.liveness".' },
      operator: {
        anyOf: [{ enum: OPERATOR_NAMES }, { type: 'string', pattern: decorated, description: 'A json-rules-engine decorator, e.g. "not:equal".' }],
      },
      value: { description: `What the fact is compared with (a list: at most ${MAX_LIST_ENTRIES} entries).` },
      params: { type: 'object' },
      priority: { type: 'integer', minimum: 1 },
      name: { type: 'string' },
    },
    allOf: [
      ...FACTS.map(pathRule),
      valueFor(
        OPERATOR_NAMES.filter((n) => /^(less|greater)Than/.test(n)),
        { type: 'number' },
      ),
      valueFor(['in', 'notIn', 'containsAny'], { type: 'array', maxItems: MAX_LIST_ENTRIES }),
      valueFor(['notEmpty', 'isEmpty', 'isNull'], { type: 'boolean' }),
      valueFor(['between'], { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 }),
      valueFor(['matchesPattern'], { type: 'string', minLength: 1 }),
    ],
  };
}

/** The value `operators` take: `schema`, or a reference to another fact. */
function valueFor(operators: readonly string[], schema: Record<string, unknown>): Record<string, unknown> {
  return {
    if: { required: ['operator'], properties: { operator: { enum: operators } } },
    then: { properties: { value: { anyOf: [schema, { $ref: '#/definitions/factRef' }] } } },
  };
}

function booleanNode(key: string, schema: Record<string, unknown>, description: string): Record<string, unknown> {
  return {
    type: 'object',
    description,
    required: [key],
    additionalProperties: false,
    properties: { [key]: schema, priority: { type: 'integer', minimum: 1 }, name: { type: 'string' } },
  };
}

/** For a fact, the paths a condition may give: its fields, its maps and their entries. */
function pathRule(fact: FactSpec): Record<string, unknown> {
  const scalar = fact.fields.some((f) => f.path === '');
  const open = fact.maps.filter((m) => !m.keys);
  const path = scalar
    ? { enum: ['', '$'], description: `${fact.name} is a single value: no path.` }
    : {
        anyOf: [{ enum: allPaths(fact) }, ...open.map((m) => ({ type: 'string', pattern: `^${escape(m.path)}\\.${m.keyPattern!.source.replace(/^\^|\$$/g, '')}$` }))],
        description: fact.description,
      };
  return { if: { required: ['fact'], properties: { fact: { const: fact.name } } }, then: { properties: { path } } };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
