import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PolicyTooCostlyError } from '../../src/decision/explanation/policy-too-costly';
import { createErrorFormatter } from '../../src/graphql/errors';

describe('POLICY_TOO_COSTLY', () => {
  it('a resolver stopped past its time budget answers with the stable code and its message; nothing is reported as hidden', () => {
    const hidden: unknown[] = [];
    const format = createErrorFormatter((e) => hidden.push(e));
    const thrown = new PolicyTooCostlyError('counterfactuals took over 2000 ms (40 candidate changes decided): the policy is too costly to explain');
    const error = new GraphQLError(thrown.message, { path: ['evaluatePolicy', 'counterfactuals'], originalError: thrown });
    const formatted = format({ message: error.message, path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(formatted).toEqual({ message: thrown.message, path: ['evaluatePolicy', 'counterfactuals'], locations: undefined, extensions: { code: 'POLICY_TOO_COSTLY' } });
    expect(hidden).toEqual([]);
  });
});
