import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonWithPositions } from '../../../src/decision/authoring/json-source';

describe('JSON with positions', () => {
  const text = '{\n  "name": "p",\n  "rules": [\n    { "priority": 3, "tags": ["a", "b"] }\n  ]\n}\n';

  it('gives the same value as JSON.parse', () => {
    expect(parseJsonWithPositions(text).value).toEqual(JSON.parse(text));
    const tricky = '{"s": "\\u00e9\\n\\"q\\"", "n": -1.5e3, "t": true, "f": false, "z": null, "e": {}, "a": []}';
    expect(parseJsonWithPositions(tricky).value).toEqual(JSON.parse(tricky));
  });

  it('locates values and keys by path, 1-based line and column', () => {
    const parsed = parseJsonWithPositions(text);
    expect(parsed.locate(['name'])).toEqual({ line: 2, column: 11 });
    expect(parsed.locate(['name'], true)).toEqual({ line: 2, column: 3 });
    expect(parsed.locate(['rules', 0])).toEqual({ line: 4, column: 5 });
    expect(parsed.locate(['rules', 0, 'priority'])).toEqual({ line: 4, column: 19 });
    expect(parsed.locate(['rules', 0, 'tags', 1])).toEqual({ line: 4, column: 36 });
    expect(parsed.locate(['nothing'])).toBeNull();
  });

  it('counts columns after a byte-order mark as an editor does', () => {
    expect(parseJsonWithPositions('\ufeff{"a": 1}').locate(['a'])).toEqual({ line: 1, column: 8 });
  });

  it('reports keys given twice (JSON.parse keeps only the last)', () => {
    const parsed = parseJsonWithPositions('{"a": 1, "b": {"c": 1, "c": 2}}');
    expect(parsed.duplicateKeys).toEqual([{ path: ['b', 'c'] }]);
    expect(parsed.value).toEqual({ a: 1, b: { c: 2 } });
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'trailing comma'],
    ['{"a": 1\n "b": 2}', 2, 2, 'expected "," or "}"'],
    ["{'a': 1}", 1, 2, 'property name in double quotes'],
    ['{"a": tru}', 1, 7, 'expected a value'],
    ['{"a": "x', 1, 7, 'unterminated string'],
    ['[1, 2] 3', 1, 8, 'after the end'],
    ['', 1, 1, 'expected a value'],
    ['['.repeat(5000), 1, 258, 'nested more than 256 levels deep'], // not a stack overflow
  ])('refuses %j at %i:%i', (input, line, column, message) => {
    let error: unknown;
    try {
      parseJsonWithPositions(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect((error as JsonSyntaxError).position).toEqual({ line, column });
    expect((error as JsonSyntaxError).message).toContain(message);
    expect(() => JSON.parse(input)).toThrow();
  });
});
