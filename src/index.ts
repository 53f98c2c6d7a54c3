import { main } from './entry';

// Stack traces from the bundle point at src/ (dist/ ships source maps of our own code). Only modules
// loaded after this call are mapped: everything but this entry, which imports the rest on demand.
process.setSourceMapsEnabled(true);
await main();
