/** Small id/time helpers shared by every module. */
import { randomUUID, createHash, randomBytes } from 'node:crypto';

export const uuid = (): string => randomUUID();
export const nowIso = (t: number = Date.now()): string => new Date(t).toISOString();
export const sha1Hex = (s: string | Buffer): string => createHash('sha1').update(s).digest('hex');
export const randomSha1 = (): string => randomBytes(20).toString('hex');

/** Deterministic PRNG (mulberry32) so fault probabilities and jitter are reproducible with a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
