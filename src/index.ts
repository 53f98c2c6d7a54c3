import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './entry';
import { mapStackTraces } from './stack-traces';

// Stack traces from the bundle point at src/ (dist/ ships source maps of our own code).
mapStackTraces(path.dirname(fileURLToPath(import.meta.url)));
await main();
