// Serves dist/ on 127.0.0.1 ($PORT, default 8080) until interrupted.
// Run through scripts/serve, which builds dist/ first.

import { existsSync } from 'node:fs';
import { startStaticServer } from './static-server.mjs';

const root = process.argv[2] ?? 'dist';
const port = Number(process.env.PORT ?? 8080);
if (!existsSync(`${root}/index.html`)) {
  console.error(`error: ${root}/index.html not found; run scripts/build first.`);
  process.exit(1);
}
try {
  const server = await startStaticServer({ root, port });
  console.log(`Serving ${root}/ at ${server.url}  (Ctrl+C to stop)`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (error.code === 'EADDRINUSE') {
    console.error(`error: port ${port} is in use; choose another, e.g. PORT=8081 scripts/serve`);
  } else {
    console.error(`error: cannot serve ${root}/: ${error.message}`);
  }
  process.exit(1);
}
