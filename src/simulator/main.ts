/** Entry of the second bundle, dist/simulator.js. */
import { main } from './cli';

main(process.argv.slice(2)).catch((e: unknown) => {
  const err = e as { code?: string; exitCode?: number; message?: string };
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') process.exit(0);
  process.stderr.write(`simulator: ${err.message ?? String(e)}\n`);
  process.exit(typeof err.exitCode === 'number' && err.exitCode > 0 ? err.exitCode : 1);
});
