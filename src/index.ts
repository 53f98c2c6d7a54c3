import { main } from './entry';

await main();
