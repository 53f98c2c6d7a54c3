// Starts `node dist/simulator.js` as a child process and waits for its READY line and details.
// Shared by the demo and the benchmark (the tests use the in-process API instead).
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function startSimulatorProcess(args = [], { node = process.execPath, timeoutMs = 30_000 } = {}) {
  const child = spawn(node, [path.join(root, 'dist', 'simulator.js'), '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout });
  const it = lines[Symbol.asyncIterator]();
  const next = async () => {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('simulator did not start in time')), timeoutMs);
    });
    try {
      const r = await Promise.race([it.next(), timeout]);
      if (r.done) throw new Error('simulator exited before it was ready');
      return r.value;
    } finally {
      // A pending timer would keep the caller's process alive long after it is done.
      clearTimeout(timer);
    }
  };
  const ready = await next();
  const m = /^READY (\S+)$/.exec(ready);
  if (!m) throw new Error(`unexpected first line from the simulator: ${ready}`);
  const info = JSON.parse(await next());
  return {
    url: m[1],
    ...info,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}
