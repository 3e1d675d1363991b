import type { GraphQLSchema } from 'graphql';
import { hasScope } from '../auth/scopes';
import type { GatewayContext } from './context';
import { ErrorCode } from './error-code';
import { gatewayError } from './gateway-error';

/**
 * `_service { sdl }` prints the whole schema, which is what introspection being off (production)
 * keeps from callers: where it is off, `_service` needs the `federation:compose` scope, held by the
 * key a router or `rover` composes with. Other keys get FORBIDDEN and no schema.
 */
export function guardService(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._service;
  const resolve = field?.resolve;
  if (!field || !resolve) return;
  field.resolve = (source, args, context, info) => {
    if (!hasScope((context as GatewayContext).principal.scopes, 'federation:compose')) {
      throw gatewayError(ErrorCode.FORBIDDEN, 'This API key lacks the scope federation:compose', { status: 403 });
    }
    return resolve(source, args, context, info);
  };
}
