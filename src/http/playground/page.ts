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
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

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
<style>
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 14px system-ui, sans-serif; }
#api-key-form { display: flex; gap: 8px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #ddd; }
#api-key { flex: 0 1 28em; font: inherit; padding: 2px 6px; }
#api-key-state { color: #666; }
#graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<form id="api-key-form" autocomplete="off">
<label for="api-key">API key</label>
<input id="api-key" name="key" type="password" placeholder="a development gateway prints one at start-up">
<button type="submit">Use</button>
<span id="api-key-state"></span>
</form>
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

/**
 * Renders GraphiQL with the example tabs (a static file, so the CSP needs no inline script). The API
 * key typed in the bar is kept in sessionStorage (this browser tab only) and sent as a Bearer token
 * with every request. The schema comes as SDL from /playground/schema.graphql.
 */
export const START_SCRIPT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var STORAGE_KEY = 'ekyc-playground-api-key';
  var form = document.getElementById('api-key-form');
  var input = document.getElementById('api-key');
  var state = document.getElementById('api-key-state');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var first = config.tabs[0] || {};
  var schema = null;

  function render() {
    var key = sessionStorage.getItem(STORAGE_KEY) || '';
    state.textContent = key ? 'sent as Authorization: Bearer …' + key.slice(-4) : 'no key yet: the gateway refuses requests without one';
    var fetcher = GraphiQL.createFetcher({ url: config.endpoint, headers: key ? { authorization: 'Bearer ' + key } : {} });
    root.render(
      React.createElement(GraphiQL, {
        key: key,
        fetcher: fetcher,
        defaultTabs: config.tabs,
        variables: first.variables,
        schema: schema,
        defaultEditorToolsVisibility: 'variables',
        shouldPersistHeaders: false,
      }),
    );
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    sessionStorage.setItem(STORAGE_KEY, input.value.trim());
    input.value = '';
    render();
  });
  render();
  // The schema as SDL from the gateway: no introspection query (it needs a key and is deeper than the
  // gateway's query depth limit allows).
  fetch('/playground/schema.graphql')
    .then(function (res) { return res.text(); })
    .then(function (sdl) {
      schema = GraphiQL.GraphQL.buildSchema(sdl, { assumeValidSDL: true });
      render();
    });
})();
`;
