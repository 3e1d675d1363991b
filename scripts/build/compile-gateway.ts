import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { esmSpecifiers } from './esm-specifiers';
import { packagesImportedBy } from './runtime-imports';

export interface CompileResult {
  outDir: string;
  /** Compiled and copied files. */
  files: number;
}

/** Packages that must never be needed at run time, whatever package.json says. */
export const TOOLCHAIN_PACKAGES = ['tsx', 'typescript', 'vitest', 'vite', 'esbuild'];

/** True when `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[], root: string): string {
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' });
}

/** Emptied before every build, so a file deleted from src/ leaves dist/ too; never the project or its sources. */
function clearOutDir(outDir: string, root: string, rootDir: string): void {
  if (within(root, outDir) || within(outDir, rootDir)) throw new Error(`refusing to build into ${outDir}: it holds the project or its sources`);
  rmSync(outDir, { recursive: true, force: true });
}

/** Files under src/ the compiler does not emit but the runtime reads (the PGlite worker), copied beside the output. */
function copyAssets(rootDir: string, outDir: string): number {
  const assets = readdirSync(rootDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith('.ts'));
  for (const asset of assets) {
    const target = join(outDir, relative(rootDir, join(asset.parentPath, asset.name)));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(asset.parentPath, asset.name), target);
  }
  return assets.length;
}

/** Fails when the output loads a package that `npm ci --omit=dev` does not install, or a part of the toolchain. */
export function checkRuntimePackages(outDir: string, root: string): void {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const allowed = new Set(Object.keys(manifest.dependencies ?? {}).filter((name) => !TOOLCHAIN_PACKAGES.includes(name)));
  const missing = [...packagesImportedBy(outDir)].filter(([name]) => !allowed.has(name));
  if (missing.length > 0) {
    const lines = missing.map(([name, files]) => `  ${name} (loaded by ${files.join(', ')})`);
    throw new Error(`the compiled gateway loads packages that are not production dependencies:\n${lines.join('\n')}`);
  }
}

/**
 * Compiles src/ with tsconfig.build.json into `outDir` as ES modules Node runs without a TypeScript
 * toolchain: type errors fail the build, relative imports gain their `.js`, non-TypeScript files are
 * copied, and `outDir/package.json` marks the output as ES modules wherever it is placed.
 */
export function compileGateway(root: string, outDir?: string): CompileResult {
  const configFile = join(root, 'tsconfig.build.json');
  const overrides: ts.CompilerOptions = outDir ? { outDir: resolve(outDir) } : {};
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(formatDiagnostics([d], root));
    },
  };
  const config = ts.getParsedCommandLineOfConfigFile(configFile, overrides, host)!;
  const { outDir: target, rootDir } = config.options;
  if (!target || !rootDir) throw new Error(`${configFile} must set outDir and rootDir`);
  // Before any other problem with the configuration: an outDir holding the sources also leaves no inputs.
  clearOutDir(target, root, rootDir);
  if (config.errors.length > 0) throw new Error(formatDiagnostics(config.errors, root));

  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const emitted = program.emit(undefined, undefined, undefined, false, { after: [esmSpecifiers()] });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0) throw new Error(formatDiagnostics(diagnostics, root));

  const assets = copyAssets(rootDir, target);
  writeFileSync(join(target, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
  checkRuntimePackages(target, root);
  return { outDir: target, files: config.fileNames.length + assets };
}
