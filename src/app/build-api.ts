import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { ApiKeyStore } from '../auth/api-key-store';
import { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { RateLimiter } from '../auth/rate-limiter';
import type { GatewayConfig } from '../config/config';
import type { GatewayContext } from '../graphql/context';
import { createErrorFormatter } from '../graphql/errors';
import { complexityLimit } from '../graphql/limits/complexity-limit';
import { depthLimit } from '../graphql/limits/depth-limit';
import { verificationRateLimit } from '../graphql/limits/verification-rate';
import { createCaseLoaders } from '../graphql/loaders';
import { buildGatewaySchema } from '../graphql/schema';
import type { GatewayServices } from '../graphql/services';
import { errorSummary, type HttpServerDeps } from '../http/gateway-http-server';
import type { Logger } from '../logging/logger';
import type { GatewayMetrics } from '../observability/metrics';
import { operationSpanPlugin } from '../observability/operation-span-plugin';
import { callerTraceHeaders } from '../observability/propagation';
import type { DisposalStack } from './disposal-stack';

export interface BuildApiDeps {
  config: GatewayConfig;
  logger: Logger;
  stack: DisposalStack;
  services: GatewayServices;
  apiKeys: ApiKeyStore;
  metrics: GatewayMetrics;
}

/** The GraphQL API, started, and what the HTTP front needs to hand it a request. */
export interface Api {
  readonly schema: GraphQLSchema;
  readonly apollo: ApolloServer<GatewayContext>;
  readonly authenticate: HttpServerDeps['authenticate'];
  readonly createContext: HttpServerDeps['createContext'];
}

/** Builds the schema and starts Apollo Server over it (registered on the stack once started). */
export async function buildApi(deps: BuildApiDeps): Promise<Api> {
  const { config, stack } = deps;
  const rateLimiter = new RateLimiter(config.access.defaultRateLimit);
  const authenticator = new Authenticator(deps.apiKeys, rateLimiter, {
    failureCacheMs: config.access.authFailureCacheMs,
    onLookup: (result) => deps.metrics.apiKeyLookups.inc({ result }),
  });
  const schema = await buildGatewaySchema(deps.services, { sdlNeedsScope: config.nodeEnv === 'production' });
  const apollo = createApollo(schema, config, deps.logger, rateLimiter);
  await apollo.start();
  stack.defer('apollo server', () => apollo.stop());
  return {
    schema,
    apollo,
    authenticate: (headers) => authenticator.authenticate(headers),
    createContext: contextFactory(deps, authenticator),
  };
}

function createApollo(schema: GraphQLSchema, config: GatewayConfig, logger: Logger, rateLimiter: RateLimiter): ApolloServer<GatewayContext> {
  const production = config.nodeEnv === 'production';
  return new ApolloServer<GatewayContext>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // The parser stops past this many tokens (QUERY_TOO_MANY_TOKENS): validation's cost grows with
    // them (faster than linearly for fields that must be merged), on the shared event loop.
    parseOptions: { maxTokens: config.access.maxQueryTokens },
    // Shutdown is ours (Gateway.close, on SIGTERM in the CLI): it drains requests before Apollo stops.
    stopOnTerminationSignals: false,
    // Production names no schema field, argument or type a client did not send ("Did you mean …?"):
    // validation computes no suggestions, and the formatter drops those of variable coercion.
    validationOptions: { hideSuggestions: production },
    formatError: createErrorFormatter((error) => logger.error({ err: errorSummary(error) }, 'internal error hidden from client'), {
      hideSuggestions: production,
    }),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No field carries a cache hint and no answer may be cached (the HTTP server sends no-store);
      // the plugin would otherwise hook every field of every operation to compute a policy of "none".
      ApolloServerPluginCacheControlDisabled(),
      operationSpanPlugin(),
      depthLimit(config.access.maxQueryDepth),
      complexityLimit(schema, config.access.maxQueryComplexity),
      // Takes its tokens only once the checks above have passed (responseForOperation).
      verificationRateLimit(rateLimiter),
    ],
  });
}

/** Each request's context: its caller, its verification session (vendor calls shared within the request) and its case loaders. */
function contextFactory(deps: BuildApiDeps, authenticator: Authenticator): Api['createContext'] {
  const { verifier, store } = deps.services;
  return async (requestId: string, headers: IncomingMessage['headers'], authenticated?: Principal) => {
    // A large body's caller was authenticated before it was read: once, so one rate-limit token.
    const principal = authenticated ?? (await authenticator.authenticate(headers));
    return {
      requestId,
      principal,
      // Not tied to the client's connection: a verification whose client went away still completes
      // and is stored whole, so the client's retry with the same caseNo gets the real answer.
      verification: verifier.session(principal.keyId, callerTraceHeaders(headers)),
      loaders: createCaseLoaders(store),
    };
  };
}
