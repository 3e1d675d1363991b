/**
 * graphql-js quotes the value it refused in its parse, validation and variable-coercion messages
 * (`Variable "$input" got invalid value { documentFront: "/9j/4AAQ…", … }`). Those values are the
 * caller's images and personal data, and the messages go to every client, production included. These
 * rewrite each message graphql-js builds around a value so that it keeps the variable, the path and
 * the type expected, which is what a client needs to fix its request, and drops the value.
 */

/**
 * graphql-js messages about one refused value, each rewritten to what was expected. Every pattern is
 * anchored at the start, where graphql-js puts its own words, so text inside a value cannot steer it.
 */
const VALUE_QUOTING: ReadonlyArray<readonly [RegExp, (type: string) => string]> = [
  // A scalar's parseValue threw a plain Error: graphql-js prefixes the type to its message.
  [/^Expected type "([^"]+)"\. /, (type) => `Expected type "${type}".`],
  // A literal in the query document.
  [/^Expected value of type "([^"]+)", found /, (type) => `Expected value of type "${type}".`],
  [/^Value [\s\S]* does not exist in "(\w+)" enum\./, (type) => `Expected type "${type}".`],
  [/^Enum "(\w+)" cannot represent /, (type) => `Expected type "${type}".`],
  // String, Int, Float, Boolean, ID and JSON: `String cannot represent a non string value: 123`.
  [/^(\w+) cannot represent /, (type) => `Expected type "${type}".`],
  [/^Argument "(\w+)" has invalid value /, (argument) => `Argument "${argument}" has an invalid value.`],
];

/** `Syntax Error: Expected ":", found String "SOK DARA".`: the token's kind is enough. */
const SYNTAX_TOKEN = /^(Syntax Error: [\s\S]*?)\b(String|BlockString|Int|Float) "[\s\S]*$/;

/** One graphql-js message about a value, without the value; any other message unchanged. */
function withoutValue(message: string): string {
  for (const [pattern, rewrite] of VALUE_QUOTING) {
    const match = pattern.exec(message);
    if (match) return rewrite(match[1]!);
  }
  const syntax = SYNTAX_TOKEN.exec(message);
  return syntax ? `${syntax[1]}${syntax[2]}.` : message;
}

/**
 * A request error's message without the values it quoted. `cause` is the error graphql-js wrapped:
 * for a variable that is the inner coercion error, whose exact message ends the outer one, which is
 * how the path is found without reading through the quoted value.
 */
export function valueFreeMessage(message: string, cause: unknown): string {
  const variable = /^Variable "\$(\w+)" got invalid value /.exec(message);
  if (!variable) return withoutValue(message);
  const name = variable[1]!;
  const inner = cause instanceof Error ? cause.message : null;
  if (inner === null || !message.endsWith(`; ${inner}`)) return `Variable "$${name}" got an invalid value.`;
  const head = message.slice(0, -(inner.length + 2));
  // graphql-js appends ` at "input.documentFront"` (names and [indexes] only) after the quoted value.
  const path = new RegExp(` at "(${name}(?:\\.\\w+|\\[\\d+\\])*)"$`).exec(head)?.[1];
  return `Variable "$${name}" got an invalid value${path ? ` at "${path}"` : ''}; ${withoutValue(inner)}`;
}
