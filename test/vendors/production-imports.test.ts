import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** Modules a file loads when it is imported: static imports and re-exports (type-only ones are erased). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const pattern = /^(?:import|export)\s+(?!type\s)(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolveModule(dirname(file), s));
}

function resolveModule(from: string, specifier: string): string {
  const base = resolve(from, specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // next candidate
    }
  }
  throw new Error(`cannot resolve ${specifier} from ${relative(ROOT, from)}`);
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !file.endsWith('.ts')) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return seen;
}

describe('production code never loads a simulator', () => {
  it('nothing under src/simulators/ is statically reachable from the gateway (src/cli/serve.ts)', () => {
    const files = [...reachable(join(ROOT, 'src/cli/serve.ts'))].map((f) => relative(ROOT, f));
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('src/vendors/registry.ts');
    expect(files.filter((f) => f.startsWith('src/simulators/'))).toEqual([]);
  });

  it('the scan sees a static import when there is one (the simulators CLI)', () => {
    const files = [...reachable(join(ROOT, 'src/cli/simulators.ts'))].map((f) => relative(ROOT, f));
    expect(files).toContain('src/simulators/registry.ts');
  });
});
