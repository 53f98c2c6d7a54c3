/** Test helpers: a tiny Fabric client over fetch against a running simulator. */
import type { RunningSimulator } from '../../src/simulator';

export interface Res<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export function client(sim: RunningSimulator, token?: string) {
  const tok = token ?? sim.issueToken();
  async function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Res<T>> {
    const url = path.startsWith('http') ? path : `${sim.fabricApiUrl}${path}`;
    const r = await fetch(url, {
      method,
      headers: {
        ...(tok ? { Authorization: `Bearer ${tok}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...extraHeaders,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await r.text();
    let parsed: any = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: r.status, headers: r.headers, body: parsed as T };
  }
  /** Follow an LRO to its end (Location + Retry-After), returning the final state and the /result body. */
  async function lro(first: Res): Promise<{ state: any; result?: any; polls: number }> {
    if (first.status !== 202)
      throw new Error(`expected 202, got ${first.status} ${JSON.stringify(first.body)}`);
    let location = first.headers.get('location')!;
    let polls = 0;
    for (;;) {
      const ra = Number(first.headers.get('retry-after') ?? 0);
      await new Promise((r) => setTimeout(r, Math.min(ra * 1000, 50) + 5));
      const s = await call('GET', location);
      polls++;
      if (s.body.status === 'Succeeded' || s.body.status === 'Failed') {
        const loc = s.headers.get('location');
        const result = loc ? (await call('GET', loc)).body : undefined;
        return { state: s.body, result, polls };
      }
      location = s.headers.get('location') ?? location;
      if (polls > 500) throw new Error('LRO never finished');
    }
  }
  return { call, lro, token: tok };
}

export const b64 = (s: string) => Buffer.from(s).toString('base64');

export function notebookDefinition(code = 'print("hello")', platform?: Record<string, unknown>) {
  const parts = [
    {
      path: 'notebook-content.py',
      payload: b64(`# Fabric notebook source\n${code}\n`),
      payloadType: 'InlineBase64',
    },
  ];
  if (platform)
    parts.push({ path: '.platform', payload: b64(JSON.stringify(platform)), payloadType: 'InlineBase64' });
  return { parts };
}
