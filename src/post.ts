import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './entry';
import { mapStackTraces } from './stack-traces';

// The post-job step of the Action (`post:`) and the task (`postjobexecution`): src/commands/post-job.ts.
mapStackTraces(path.dirname(fileURLToPath(import.meta.url)));
await main([], 'post');
