import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';

const BUILTINS = new Set(builtinModules);

/** The package a bare specifier loads (`@scope/name/sub` → `@scope/name`); null for relative and built-in modules. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return BUILTINS.has(name) ? null : name;
}

/** `require`, `require.resolve` and `createRequire(…)`: the calls whose first argument names a module. */
function isRequireCall(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  if (ts.isPropertyAccessExpression(callee)) return ts.isIdentifier(callee.expression) && callee.expression.text === 'require' && callee.name.text === 'resolve';
  return ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'createRequire';
}

/** Every module specifier of one JavaScript file: static and dynamic imports, re-exports, require calls. */
export function specifiersOf(code: string, fileName = 'file.js'): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequireCall(node.expression)) found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  return found;
}

/** The packages the compiled files under `dir` load at run time, each with the files (relative to `dir`) that load it. */
export function packagesImportedBy(dir: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(?:js|mjs|cjs)$/.test(f));
  for (const file of files) {
    for (const specifier of specifiersOf(readFileSync(join(dir, file), 'utf8'), file)) {
      const name = packageOf(specifier);
      if (name === null) continue;
      const importers = packages.get(name) ?? [];
      if (!importers.includes(file)) importers.push(file);
      packages.set(name, importers);
    }
  }
  return packages;
}
