import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/graphql/error-code';
import { gatewayError } from '../../src/graphql/gateway-error';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCES = join(ROOT, 'src');
const GENERATED = join(SOURCES, 'client', 'generated');
const HELPER = 'src/graphql/gateway-error.ts';
const MEMBERS = new Set(Object.keys(ErrorCode));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === GENERATED ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

const sources = sourceFiles(SOURCES).map((path) => ({ file: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** The text of a call's arguments: from after `(` at `open` to its matching `)`. */
function callArguments(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** `file:line` of every match of `pattern` for which `bad` says the matched text is wrong. */
function offences(pattern: RegExp, bad: (match: RegExpExecArray, text: string) => boolean): string[] {
  const found: string[] = [];
  for (const { file, text } of sources) {
    for (const match of text.matchAll(pattern)) {
      if (bad(match, text)) found.push(`${file}:${text.slice(0, match.index).split('\n').length}: ${match[0].trim()}`);
    }
  }
  return found;
}

describe('ErrorCode: the one registry of extensions.code', () => {
  it('every error with a code is built by gatewayError: no other `new GraphQLError(...)` in src/ sets extensions', () => {
    const found = offences(/new GraphQLError\(/g, (match, text) => callArguments(text, match.index + match[0].length - 1).includes('extensions'));
    expect(found.filter((where) => !where.startsWith(HELPER))).toEqual([]);
  });

  it('every gatewayError call names its code as an ErrorCode member, not a string', () => {
    const found = offences(/gatewayError\(\s*([^,)]*)/g, (match) => {
      const member = /^ErrorCode\.([A-Z_]+)$/.exec(match[1]!.trim());
      return !member || !MEMBERS.has(member[1]!);
    });
    expect(found.filter((where) => !where.startsWith(HELPER) && !/function gatewayError/.test(where))).toEqual([]);
  });

  it('every `code` written into an extensions object literal in src/ is an ErrorCode member', () => {
    const found = offences(/extensions\??\s*:\s*\{([^{}]*?)\bcode\s*:\s*([^,}]+)/g, (match) => {
      const codes = match[2]!
        .trim()
        .split(/\s*[?:]\s*/)
        .filter((part) => part.startsWith('ErrorCode.') || /^['"`]/.test(part));
      return codes.length === 0 || codes.some((part) => !MEMBERS.has(part.replace(/^ErrorCode\./, '')) || /^['"`]/.test(part));
    });
    expect(found).toEqual([]);
  });

  it('no source compares an error code with a string literal', () => {
    expect(offences(/extensions\??\.code\s*[!=]==?\s*['"`]/g, () => true)).toEqual([]);
  });

  it('each code is its own name, so the object is a plain list of the contract strings', () => {
    for (const [name, value] of Object.entries(ErrorCode)) expect(value).toBe(name);
  });

  it('docs/api.md lists exactly the codes of ErrorCode, once each', () => {
    const api = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
    const section = api.slice(api.indexOf('## Errors'), api.indexOf('\n## ', api.indexOf('## Errors') + 1));
    const documented = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]);
    expect(documented.length).toBe(new Set(documented).size);
    expect([...documented].sort()).toEqual(Object.values(ErrorCode).sort());
  });
});

describe('gatewayError', () => {
  it('puts the code first, then the extensions, and the status and headers under extensions.http', () => {
    const error = gatewayError(ErrorCode.RATE_LIMITED, 'slow down', { extensions: { retryAfter: 3 }, status: 429, headers: { 'retry-after': '3' } });
    expect(error.message).toBe('slow down');
    expect(Object.keys(error.extensions)).toEqual(['code', 'retryAfter', 'http']);
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 3, http: { status: 429, headers: new Map([['retry-after', '3']]) } });
  });

  it('leaves extensions.http out when no status or header is given, so Apollo Server picks the status', () => {
    expect(gatewayError(ErrorCode.BAD_USER_INPUT, 'no').extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});
