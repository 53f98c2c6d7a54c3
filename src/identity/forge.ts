/**
 * node-forge, loaded on first use: it weighs ~250 kB and only a PFX certificate needs it. The load is
 * synchronous because the Settings phase reads the certificate before anything asynchronous runs, which a
 * bundler's dynamic-import chunk cannot serve; so the bundle ships node-forge as a file of its own
 * (dist/chunks/node-forge.cjs, named here through FD_NODE_FORGE by scripts/bundle.mjs).
 */
import { createRequire } from 'node:module';
import type Forge from 'node-forge';

declare const FD_NODE_FORGE: string | undefined;

let forge: typeof Forge | undefined;

export function nodeForge(): typeof Forge {
  forge ??= createRequire(import.meta.url)(
    typeof FD_NODE_FORGE === 'string' ? FD_NODE_FORGE : 'node-forge',
  ) as typeof Forge;
  return forge;
}
