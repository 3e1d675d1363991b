/**
 * `npm run build [-- --outDir <dir>]`: compiles the gateway to dist/ (or <dir>) for `node dist/cli/serve.js`.
 * Exits 1 with the compiler's messages on a type error, or when the output needs a development package.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { compileGateway } from './build/compile-gateway';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

try {
  const { values } = parseArgs({ options: { outDir: { type: 'string' } } });
  const { outDir, files } = compileGateway(ROOT, values.outDir);
  console.log(`built ${files} files into ${relative(process.cwd(), outDir) || '.'}`);
} catch (error) {
  console.error(`Build failed: ${(error as Error).message}`);
  process.exit(1);
}
