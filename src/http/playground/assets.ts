import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);

/** A static file of the playground, read from the installed packages (never from a CDN). */
export interface PlaygroundAsset {
  contentType: string;
  body: Buffer;
  gzip: Buffer;
}

/** Public path under /playground/ → where the installed package keeps it. */
const SOURCES: Record<string, { file: () => string; contentType: string }> = {
  'react.production.min.js': {
    file: () => join(dirname(require.resolve('react/package.json')), 'umd/react.production.min.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
  'react-dom.production.min.js': {
    file: () => join(dirname(require.resolve('react-dom/package.json')), 'umd/react-dom.production.min.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.js': { file: () => require.resolve('graphiql/graphiql.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'graphiql.min.css': { file: () => require.resolve('graphiql/graphiql.min.css'), contentType: 'text/css; charset=utf-8' },
};

export const ASSET_NAMES = Object.keys(SOURCES);

const loaded = new Map<string, PlaygroundAsset>();

/** The asset, read and compressed on first use and kept in memory (GraphiQL's bundle is 3.5 MB). */
export function playgroundAsset(name: string): PlaygroundAsset {
  let asset = loaded.get(name);
  if (!asset) {
    const source = SOURCES[name];
    if (!source) throw new Error(`unknown playground asset ${name}`);
    const body = readFileSync(source.file());
    asset = { contentType: source.contentType, body, gzip: gzipSync(body) };
    loaded.set(name, asset);
  }
  return asset;
}
