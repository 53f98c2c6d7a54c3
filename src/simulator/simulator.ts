/**
 * The simulator instance: two servers on 127.0.0.1 (plain HTTP for the Fabric
 * API, control API, managed identity and App Insights; HTTPS for Entra ID, Key
 * Vault, Graph and App Insights) sharing one state, one signing key, one fault
 * table and one request log.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { rmSync, appendFileSync } from 'node:fs';
import { FabricError, errorBody } from './errors';
import { readBody, writeReply, parseJson, type Reply } from './http';
import { Router } from './router';
import type { Ctx, Handler } from './context';
import { authenticate, mintToken, FABRIC_AUDIENCES, type Identity } from './auth';
import { newSigningKey, type SigningKey } from './jwt';
import { processKeys } from './key-material';
import { resolveConfig, type SimConfig } from './profiles';
import { createInitialState } from './state';
import type {
  Exchange,
  IssueTokenClaims,
  RequestLogEntry,
  SimState,
  SimulatorOptions,
  FaultRule,
} from './types';
import { Operations } from './operations';
import { Throttle } from './throttle';
import { Faults, describeFault } from './faults';
import { seededRandom, sleep, uuid } from './ids';
import { certFile, type GeneratedCert } from './tls';
import { registerFabricRoutes } from './fabric/routes';
import { handleControl } from './control';
import { handleCompanion } from './companions/dispatch';
import { validateRequest } from './validation';
import { Persistence } from './persistence';

const LOG_LIMIT = 20000;

export class Simulator {
  readonly cfg: SimConfig;
  state: SimState;
  key: SigningKey;
  readonly router = new Router<Handler>();
  readonly ops: Operations;
  readonly throttle: Throttle;
  readonly faults: Faults;
  readonly random: () => number;
  /** Latency jitter has its own generator so it never shifts the fault sequence. */
  private jitter: () => number;
  readonly log: RequestLogEntry[] = [];
  readonly exchanges: Exchange[] = [];
  recordExchanges: boolean;
  private seq = 0;
  private httpServer?: http.Server;
  private httpsServer?: https.Server;
  private sockets = new Set<Socket>();
  private hanging = new Set<http.ServerResponse>();
  private cert?: GeneratedCert;
  private persistence?: Persistence;
  url = '';
  tlsUrl = '';
  /** Items being created by a pending LRO: their names are taken already. */
  readonly pendingNames = new Map<string, { workspaceId: string; type: string; name: string }>();
  /** Called for every request log entry (the CLI prints them unless --quiet). */
  onLog?: (e: RequestLogEntry) => void;
  /** Lifetime override for tokens issued by the Entra endpoints (control API). */
  tokenLifetimeSeconds: number;

  constructor(readonly options: SimulatorOptions = {}) {
    this.cfg = resolveConfig(options);
    this.state = createInitialState();
    this.key = processKeys().signing;
    this.random = seededRandom(this.cfg.seed);
    this.jitter = seededRandom(this.cfg.seed + 1);
    this.ops = new Operations(this);
    this.throttle = new Throttle(
      { platform: this.cfg.rateLimitPerMinute, lro: this.cfg.lroRateLimitPerMinute },
      Math.max(1, 60_000 * this.cfg.timeScale),
    );
    this.faults = new Faults(this.random);
    for (const f of options.faults ?? []) this.faults.add(f);
    this.recordExchanges = !!options.recordExchanges || !!process.env.SIM_CONTRACT_LOG;
    this.tokenLifetimeSeconds = this.cfg.tokenLifetimeSeconds;
    registerFabricRoutes(this.router);
  }

  get tenantId(): string {
    return this.state.tenantId;
  }

  async start(): Promise<void> {
    if (this.options.statePath) {
      this.persistence = new Persistence(
        this.options.statePath,
        () => this.state,
        () => this.key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      );
      const loaded = this.persistence.load();
      if (loaded) {
        this.state = loaded.state;
        if (loaded.signingKeyPem) this.key = newSigningKey(loaded.signingKeyPem);
        this.ops.adoptLoaded();
      }
      this.changed();
    }
    this.cert = certFile(processKeys().tls);
    this.httpServer = http.createServer((req, res) => void this.onRequest(req, res, false));
    this.httpsServer = https.createServer(
      { key: this.cert.keyPem, cert: this.cert.certPem },
      (req, res) => void this.onRequest(req, res, true),
    );
    for (const s of [this.httpServer, this.httpsServer]) {
      s.keepAliveTimeout = 5000;
      s.on('connection', (sock: Socket) => {
        this.sockets.add(sock);
        sock.on('close', () => this.sockets.delete(sock));
      });
      s.on('secureConnection', (sock: Socket) => {
        this.sockets.add(sock);
        sock.on('close', () => this.sockets.delete(sock));
      });
    }
    const listen = (s: http.Server | https.Server, port: number) =>
      new Promise<number>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
      });
    const port = await listen(this.httpServer, this.options.port ?? 0);
    const tlsPort = await listen(this.httpsServer, this.options.tlsPort ?? 0);
    this.url = `http://127.0.0.1:${port}`;
    this.tlsUrl = `https://127.0.0.1:${tlsPort}`;
  }

  get caCertPath(): string {
    return this.cert!.certPath;
  }
  get caCertPem(): string {
    return this.cert!.certPem;
  }

  async close(): Promise<void> {
    this.ops.stop();
    this.persistence?.flush();
    for (const r of this.hanging) r.destroy();
    this.hanging.clear();
    const closing = [this.httpServer, this.httpsServer].map(
      (s) => new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve())),
    );
    for (const s of this.sockets) s.destroy();
    await Promise.all(closing);
    if (this.cert) rmSync(this.cert.dir, { recursive: true, force: true });
    this.flushContractLog();
  }

  /** Call after every state mutation: schedules a debounced save. */
  changed(): void {
    this.persistence?.schedule();
  }

  issueToken(claims: Partial<IssueTokenClaims> = {}): string {
    const c = { ...claims };
    if (c.appid && !c.oid) {
      // An app token carries the service principal's object id as oid.
      const sp = this.state.directory.servicePrincipals.find((s) => s.appId === c.appid);
      c.oid = sp?.id ?? c.appid;
    }
    return mintToken(this.key, this.tenantId, c);
  }

  resetState(): void {
    this.ops.stop();
    this.state = createInitialState();
    this.pendingNames.clear();
    this.faults.clear();
    this.throttle.reset();
    this.log.length = 0;
    this.changed();
  }

  addFault(rule: FaultRule): FaultRule {
    return this.faults.add(rule);
  }

  // ------------------------------------------------------------------ pipeline

  private async onRequest(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    secure: boolean,
  ): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const requestId = uuid();
    const entry: RequestLogEntry = {
      seq: ++this.seq,
      time: new Date().toISOString(),
      method,
      path: url.pathname,
      query: url.search,
      status: 0,
      durationMs: 0,
    };
    // Who is calling, for the log; never the Authorization header.
    const userAgent = logHeader(req.headers['user-agent']);
    const correlationId = logHeader(req.headers['x-ms-correlation-id']);
    if (userAgent) entry.userAgent = userAgent;
    if (correlationId) entry.correlationId = correlationId;
    let reply: Reply;
    let jsonBody: unknown;
    let lroFail: Ctx['lroFail'];
    let itemFault: Ctx['itemFault'];
    // Faults that act once the request has been processed (its changes applied).
    let dropAnswer = false;
    let delayAnswerMs: number | undefined;
    const isControl = url.pathname.startsWith('/_sim');
    try {
      if (!isControl) {
        const fault = this.faults.match(method, url.pathname);
        if (fault) {
          entry.fault = describeFault(fault);
          const a = fault.action as Record<string, any>;
          if ('hang' in a) {
            this.hanging.add(res);
            res.on('close', () => this.hanging.delete(res));
            this.finishLog(entry, started, 0);
            return;
          }
          if ('reset' in a) {
            // Drain nothing, apply nothing, answer nothing: the client sees ECONNRESET / socket hang up.
            dropConnection(req);
            this.finishLog(entry, started, 0);
            return;
          }
          if ('dropResponse' in a) dropAnswer = true;
          if ('delayMs' in a) {
            if (a.after === true) delayAnswerMs = Number(a.delayMs);
            else await holdBack(res, Number(a.delayMs));
          }
          if ('status' in a) {
            await readBody(req).catch(() => undefined);
            const code = a.errorCode ?? defaultErrorCode(a.status);
            const err = new FabricError(a.status, code, a.message ?? `Injected fault: ${code}.`, {
              isRetriable: a.status === 429 || a.status >= 500 ? true : undefined,
              retryAfter: a.retryAfter,
            });
            reply = this.errorReply(err, requestId);
            this.finish(
              res,
              entry,
              started,
              reply,
              url.pathname.startsWith('/v1') ? url : undefined,
              undefined,
              requestId,
            );
            return;
          }
          if ('lroFail' in a)
            lroFail = { errorCode: a.lroFail.errorCode, message: a.lroFail.message ?? 'Injected failure.' };
          if ('itemStatus' in a) itemFault = { status: 'Failed', ...a.itemStatus };
        }
        const [lo, hi] = this.cfg.latencyMs;
        if (hi > 0) await sleep(lo + this.jitter() * (hi - lo));
      }
      const rawBody = await readBody(req);
      if (isControl) reply = await handleControl(this, req, method, url, rawBody);
      else if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) {
        try {
          jsonBody = parseJson(rawBody);
        } catch {
          throw new FabricError(400, 'InvalidInput', 'The request body is not valid JSON.', {
            moreDetails: [
              { errorCode: 'InvalidJson', message: 'The request body could not be parsed as JSON.' },
            ],
          });
        }
        jsonBody = asTheServiceReadsIt(jsonBody);
        reply = await this.handleFabric(req, res, method, url, jsonBody, requestId, entry, {
          lroFail,
          itemFault,
        });
      } else {
        reply = await handleCompanion(this, { req, method, url, body: rawBody, secure, requestId, entry });
      }
    } catch (e) {
      reply = this.errorReply(toFabricError(e), requestId);
    }
    if (dropAnswer) {
      // Applied, then lost: the log keeps what the answer would have been; no exchange was completed.
      entry.fault = `dropResponse:${reply.status}`;
      const code = replyErrorCode(reply);
      if (code) entry.errorCode = code;
      dropConnection(req);
      this.finishLog(entry, started, 0);
      return;
    }
    // The client may give up meanwhile: the answer is then written nowhere (writeReply checks).
    if (delayAnswerMs !== undefined) await holdBack(res, delayAnswerMs);
    const fabricUrl = url.pathname.startsWith('/v1') ? url : undefined;
    this.finish(res, entry, started, reply, fabricUrl, jsonBody, requestId);
  }

  private async handleFabric(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
    url: URL,
    body: unknown,
    requestId: string,
    entry: RequestLogEntry,
    faults: Pick<Ctx, 'lroFail' | 'itemFault'>,
  ): Promise<Reply> {
    const identity: Identity = authenticate(req, this.key, this.state, FABRIC_AUDIENCES);
    entry.oid = identity.oid;
    const bucket = /^\/v1\/operations\//i.test(url.pathname) ? 'lro' : 'platform';
    const wait = this.throttle.take(identity.oid, bucket);
    if (wait > 0)
      throw new FabricError(
        429,
        'RequestBlocked',
        `Request is blocked by the upstream service until: ${new Date(Date.now() + wait * 1000).toISOString()} (UTC)`,
        {
          isRetriable: true,
          retryAfter: wait,
        },
      );
    const sub = url.pathname.slice(3) || '/';
    const { match } = this.router.match(method, sub, url.searchParams);
    if (!match)
      throw new FabricError(
        404,
        'EntityNotFound',
        `The requested resource '${method} ${url.pathname}' was not found.`,
      );
    if (this.cfg.validateRequests) validateRequest(method, match.template, body, url.searchParams);
    const ctx: Ctx = {
      sim: this,
      req,
      res,
      method,
      path: sub,
      query: url.searchParams,
      params: match.params,
      template: match.template,
      body,
      requestId,
      identity,
      ...faults,
    };
    return match.handler(ctx);
  }

  errorReply(err: FabricError, requestId: string): Reply {
    const headers: Record<string, string> = {
      'x-ms-public-api-error-code': err.errorCode,
      RequestId: requestId,
    };
    if (err.extra.retryAfter !== undefined) headers['Retry-After'] = String(err.extra.retryAfter);
    if (err.status === 401)
      headers['WWW-Authenticate'] =
        `Bearer authorization_uri="${this.tlsUrl}/${this.tenantId}", error="invalid_token"`;
    return { status: err.status, body: errorBody(err, requestId), headers };
  }

  private finish(
    res: http.ServerResponse,
    entry: RequestLogEntry,
    started: number,
    replyIn: Reply,
    fabricUrl: URL | undefined,
    requestBody: unknown,
    requestId?: string,
  ): void {
    let reply = replyIn;
    const code = replyErrorCode(reply);
    if (code) entry.errorCode = code;
    if (fabricUrl) reply = fabricReply(reply, requestId);
    writeReply(res, reply);
    this.finishLog(entry, started, reply.status);
    if (fabricUrl && this.recordExchanges) {
      this.exchanges.push({
        method: entry.method,
        path: fabricUrl.pathname,
        query: fabricUrl.search,
        requestBody,
        status: reply.status,
        responseHeaders: reply.headers ?? {},
        responseBody: reply.raw !== undefined ? undefined : reply.body,
        ...(entry.fault ? { fault: entry.fault } : {}),
      });
    }
  }

  private finishLog(entry: RequestLogEntry, started: number, status: number): void {
    entry.status = status;
    entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
    this.log.push(entry);
    this.onLog?.(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  /** With SIM_CONTRACT_LOG=<file>, append exchanges as JSON lines for a later contract check. */
  private flushContractLog(): void {
    const file = process.env.SIM_CONTRACT_LOG;
    if (!file || !this.exchanges.length) return;
    appendFileSync(file, this.exchanges.map((x) => JSON.stringify(x)).join('\n') + '\n');
  }
}

/**
 * Where the real service accepts more than its spec says (evidence: the recorded real trace), the
 * request is normalised before validation, and recorded normalised: `folderId: ""` means the
 * workspace root (fabric-cicd sends it on every create at the root; the spec types it as a uuid).
 */
function asTheServiceReadsIt(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  if (b.folderId !== '') return body;
  const { folderId: _root, ...rest } = b;
  return rest;
}

/**
 * Headers every Fabric answer carries in the recorded real trace: a `RequestId`, and a
 * `Content-Type` even when the body is empty (an empty body is `application/octet-stream`
 * there, as on the Environment publish 202; JSON answers say `application/json; charset=utf-8`).
 */
function fabricReply(reply: Reply, requestId: string | undefined): Reply {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (requestId && !Object.keys(headers).some((h) => h.toLowerCase() === 'requestid'))
    headers.RequestId = requestId;
  const empty = reply.raw === undefined && reply.body === undefined;
  if (empty && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    return { ...reply, raw: '', headers: { ...headers, 'Content-Type': 'application/octet-stream' } };
  return { ...reply, headers };
}

function replyErrorCode(reply: Reply): string | undefined {
  if (reply.status < 400 || !reply.body || typeof reply.body !== 'object') return undefined;
  const b = reply.body as any;
  const code = b.errorCode ?? b.error?.code ?? b.error;
  return typeof code === 'string' ? code : undefined;
}

/** Close the connection without an answer (RST where supported): the client sees ECONNRESET / socket hang up. */
function dropConnection(req: http.IncomingMessage): void {
  if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
  else req.socket.destroy();
}

/** A caller's header for the request log: bounded, with anything token-shaped masked. */
function logHeader(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v.join(', ') : v;
  if (!s) return undefined;
  return s
    .replace(/\bBearer\s+\S+/gi, 'Bearer ***')
    .replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '***')
    .slice(0, 512);
}

export function defaultErrorCode(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'EntityNotFound';
  if (status === 409) return 'Conflict';
  if (status === 503) return 'ServiceUnavailable';
  if (status >= 500) return 'InternalServerError';
  return 'BadRequest';
}

function toFabricError(e: unknown): FabricError {
  if (e instanceof FabricError) return e;
  const err = e as Error;
  if (!(e instanceof Error)) return new FabricError(500, 'InternalServerError', String(e));
  if (/body too large/.test(err.message))
    return new FabricError(413, 'RequestBodyTooLarge', 'The request body is too large.');
  return new FabricError(500, 'InternalServerError', `Simulator error: ${err.message}`);
}

/**
 * Waits `ms`, or less once the client has gone away: a killed client must not leave a timer that
 * keeps the simulator's process alive for the rest of the delay.
 */
function holdBack(res: http.ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on('close', done);
  });
}
