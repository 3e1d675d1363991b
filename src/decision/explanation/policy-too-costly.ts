/**
 * Evaluating a policy for an explanation or a dry run took longer than its time budget: it was
 * stopped (between evaluations, each of which the validator's limits keep short) and answers nothing
 * rather than a partial result. GraphQL reports it as POLICY_TOO_COSTLY.
 */
export class PolicyTooCostlyError extends Error {
  override readonly name = 'PolicyTooCostlyError';
}
