import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from './error-code';
import { gatewayError } from './gateway-error';

/** ISO 8601 date-time with offset, as the contract's `scalar DateTime`. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO 8601 date-time in UTC, e.g. 2026-11-21T09:30:00.000Z.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue(value) {
    return parseDate(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw gatewayError(ErrorCode.BAD_USER_INPUT, 'DateTime must be an ISO 8601 string');
    return parseDate(ast.value);
  },
});

function parseDate(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw gatewayError(ErrorCode.BAD_USER_INPUT, 'DateTime must be an ISO 8601 string');
  }
  return date;
}
