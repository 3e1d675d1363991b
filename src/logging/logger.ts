import pino, { type Logger } from 'pino';

/**
 * Paths redacted from every log line: credentials, tokens, images and personal data. Callers also
 * avoid logging such values at all; redaction is the net under that rule.
 */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.apiKey',
  '*.api_key',
  '*.apiSecret',
  '*.secretKey',
  '*.password',
  '*.token',
  '*.base64',
  '*.image',
  'variables',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'ekyc-gateway' },
    },
    options.destination,
  );
}

export type { Logger };
