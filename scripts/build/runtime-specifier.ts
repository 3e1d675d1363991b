import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Extensions Node's ESM loader takes as written. */
const RUNNABLE = /\.(?:js|mjs|cjs|json)$/;

/**
 * The specifier Node's ESM loader needs for an import written the way the sources write it
 * (moduleResolution Bundler: relative imports without extension, or with `.ts`). Relative imports
 * gain `.js` (or `/index.js` for a folder); packages and `node:` modules are left as they are. A
 * relative import that names no source file fails the build instead of failing at run time.
 */
export function runtimeSpecifier(specifier: string, importerFile: string): string {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return specifier;
  if (RUNNABLE.test(specifier)) return specifier;
  if (specifier.endsWith('.ts')) return `${specifier.slice(0, -'.ts'.length)}.js`;
  const target = resolve(dirname(importerFile), specifier);
  if (existsSync(`${target}.ts`)) return `${specifier}.js`;
  if (existsSync(join(target, 'index.ts'))) return `${specifier}/index.js`;
  throw new Error(`${importerFile}: the import '${specifier}' names no source file`);
}
