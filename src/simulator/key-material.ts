/**
 * The simulator's RSA keys (TLS certificate and token signing) cost ~1-2 s of CPU to make, and a test
 * suite starts a simulator in each of its ~70 files (each in a fresh module registry). With
 * FABRIC_SIMULATOR_KEYS=<file>, the first simulator writes its key material there and every later one
 * in any process reads it back. Test-only keys; the file is written 0600 and replaced atomically.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { newSigningKey, type SigningKey } from './jwt';
import { selfSignedCert } from './tls';

export interface KeyMaterial {
  tls: { certPem: string; keyPem: string };
  signingKeyPem: string;
}

function file(): string | undefined {
  return process.env.FABRIC_SIMULATOR_KEYS || undefined;
}

/** The shared key material, when FABRIC_SIMULATOR_KEYS names a file that holds it. */
function readKeyMaterial(): KeyMaterial | undefined {
  const f = file();
  if (!f) return undefined;
  try {
    const k = JSON.parse(readFileSync(f, 'utf8')) as Partial<KeyMaterial>;
    return k.tls?.certPem && k.tls.keyPem && k.signingKeyPem ? (k as KeyMaterial) : undefined;
  } catch {
    return undefined; // not written yet (or torn): generate, and write it for the next one
  }
}

/** Keeps freshly made key material for the simulators that start after this one. */
function writeKeyMaterial(k: KeyMaterial): void {
  const f = file();
  if (!f) return;
  const tmp = `${f}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(k), { mode: 0o600 });
  renameSync(tmp, f);
}

let cached: { tls: KeyMaterial['tls']; signing: SigningKey } | undefined;

/** The keys every simulator of this process uses: read from FABRIC_SIMULATOR_KEYS, or made once. */
export function processKeys(): { tls: KeyMaterial['tls']; signing: SigningKey } {
  if (cached) return cached;
  const shared = readKeyMaterial();
  if (shared) return (cached = { tls: shared.tls, signing: newSigningKey(shared.signingKeyPem) });
  cached = { tls: selfSignedCert(), signing: newSigningKey() };
  writeKeyMaterial({
    tls: cached.tls,
    signingKeyPem: cached.signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
  return cached;
}
