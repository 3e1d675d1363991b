import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGateway } from '../../scripts/build/compile-gateway';
import { runtimeSpecifier } from '../../scripts/build/runtime-specifier';
import { packageOf, specifiersOf } from '../../scripts/build/runtime-imports';

/** A project of its own: src/ with a module, a folder module and an asset; a standalone build config. */
function fakeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'ekyc-build-script-'));
  mkdirSync(join(root, 'src/lib'), { recursive: true });
  writeFileSync(join(root, 'src/a.ts'), "import { b } from './lib';\nimport type { C } from './c';\nexport const a: C = b;\nexport const later = () => import('./c');\n");
  writeFileSync(join(root, 'src/c.ts'), 'export type C = number;\nexport const c = 3;\n');
  writeFileSync(join(root, 'src/lib/index.ts'), 'export const b = 2;\n');
  writeFileSync(join(root, 'src/lib/worker.mjs'), 'export {};\n');
  writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module', dependencies: {} }));
  const compilerOptions = { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, types: [], rootDir: 'src', outDir: 'dist' };
  writeFileSync(join(root, 'tsconfig.build.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
  return root;
}

describe('npm run build', () => {
  const root = fakeProject();
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('emits ES modules Node loads: relative imports gain .js or /index.js, type-only imports vanish, assets are copied', () => {
    compileGateway(root);
    const a = readFileSync(join(root, 'dist/a.js'), 'utf8');
    expect(specifiersOf(a)).toEqual(['./lib/index.js', './c.js']);
    expect(existsSync(join(root, 'dist/lib/worker.mjs'))).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'dist/package.json'), 'utf8'))).toEqual({ type: 'module' });
  });

  it('refuses to empty an output folder that holds the project or its sources', () => {
    expect(() => compileGateway(root, root)).toThrow(/refusing to build into/);
    expect(() => compileGateway(root, join(root, 'src/out'))).toThrow(/refusing to build into/);
    expect(existsSync(join(root, 'src/a.ts'))).toBe(true);
  });

  it('fails on a type error', () => {
    writeFileSync(join(root, 'src/bad.ts'), "export const n: number = 'text';\n");
    try {
      expect(() => compileGateway(root)).toThrow(/bad\.ts.*TS2322/s);
    } finally {
      rmSync(join(root, 'src/bad.ts'));
    }
  });

  it('fails on a relative import that names no source file', () => {
    expect(() => runtimeSpecifier('./missing', join(root, 'src/a.ts'))).toThrow(/names no source file/);
    expect(runtimeSpecifier('./c.ts', join(root, 'src/a.ts'))).toBe('./c.js');
    expect(runtimeSpecifier('graphql', join(root, 'src/a.ts'))).toBe('graphql');
  });

  it('names the package of a bare specifier, and none for built-in or relative modules', () => {
    expect(packageOf('@apollo/server/plugin/disabled')).toBe('@apollo/server');
    expect(packageOf('react/package.json')).toBe('react');
    expect(packageOf('node:fs')).toBeNull();
    expect(packageOf('fs')).toBeNull();
    expect(packageOf('./x.js')).toBeNull();
  });
});
