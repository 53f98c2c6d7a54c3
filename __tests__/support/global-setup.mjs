// One set of simulator keys for the whole run (src/simulator/key-material.ts): the first simulator
// makes them, every other one in any worker reads them back, instead of ~1-2 s of RSA work per file.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function globalSetup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fabric-sim-keys-'));
  process.env.FABRIC_SIMULATOR_KEYS = path.join(dir, 'keys.json');
  // Workers are child processes: they inherit the variable; globalTeardown removes the folder.
  globalThis.__fabricSimulatorKeysDir = dir;
}

export function teardown() {
  if (globalThis.__fabricSimulatorKeysDir)
    rmSync(globalThis.__fabricSimulatorKeysDir, { recursive: true, force: true });
}
