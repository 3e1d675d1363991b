import type { PlaygroundTab } from './example-operations';

/** What the page's start script reads: the GraphQL endpoint and the preloaded tabs. */
export interface PlaygroundConfig {
  endpoint: string;
  tabs: PlaygroundTab[];
}

/**
 * Only same-origin scripts, styles, fonts and requests: the page works with no network and proves it
 * (a CDN reference would be refused). GraphiQL sets inline styles and its fonts are data: URLs.
 */
export const PLAYGROUND_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** JSON safe inside a <script> element: `<` escaped so no `</script>` can close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The playground's HTML: GraphiQL from the gateway's own /playground/ assets. */
export function playgroundHtml(config: PlaygroundConfig): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>eKYC gateway · GraphiQL</title>
<link rel="stylesheet" href="/playground/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="playground-config" type="application/json">${scriptJson(config)}</script>
<script src="/playground/react.production.min.js"></script>
<script src="/playground/react-dom.production.min.js"></script>
<script src="/playground/graphiql.min.js"></script>
<script src="/playground/start.js"></script>
</body>
</html>
`;
}

/** Renders GraphiQL with the example tabs (a static file, so the CSP needs no inline script). */
export const START_SCRIPT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: config.tabs,
      defaultEditorToolsVisibility: 'variables',
      shouldPersistHeaders: false,
    }),
  );
})();
`;
