/**
 * Small loopback fakes of the two pull-request APIs the comment uses, answering as the real ones do for
 * the calls made (shapes from docs.github.com/rest/issues/comments and the Azure DevOps Git REST API 7.1,
 * pull-request threads and thread comments), and recording every request with its auth header and body.
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { parseGitHubOutputs, runBundle } from './bundle';

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  authorization?: string;
  body?: unknown;
}

interface Fake {
  url: string;
  requests: RecordedRequest[];
  /** Answer every write (POST/PATCH) with this status and a body the service would send. */
  refuseWrites?: number;
  close(): Promise<void>;
}

async function serve(
  handle: (
    req: RecordedRequest,
    base: string,
  ) => { status: number; body?: unknown; headers?: Record<string, string> },
): Promise<Omit<Fake, 'refuseWrites'>> {
  const requests: RecordedRequest[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const r: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        authorization: req.headers.authorization,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(r);
      const out = handle(r, base);
      res.writeHead(out.status, { 'content-type': 'application/json; charset=utf-8', ...out.headers });
      res.end(out.body === undefined ? '' : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface GitHubComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface GitHubDeployment {
  id: number;
  /** The request's fields (ref, environment, required_contexts, auto_merge, …). */
  request: Record<string, unknown>;
  statuses: Record<string, unknown>[];
}

/** GitHub's issue-comments and deployments APIs for one repository (`owner/repo`). */
export interface FakeGitHub extends Fake {
  comments: Map<number, GitHubComment[]>;
  deployments: GitHubDeployment[];
}

export async function fakeGitHub(repo: string): Promise<FakeGitHub> {
  const comments = new Map<number, GitHubComment[]>();
  let nextId = 1000;
  const deployments: GitHubDeployment[] = [];
  const fake: Partial<FakeGitHub> = { comments, deployments };
  const prefix = `/repos/${repo}/issues`;
  const html = (pr: number, id: number) => `https://github.com/${repo}/pull/${pr}#issuecomment-${id}`;
  const served = await serve((r, base) => {
    const u = new URL(r.url, base);
    const dep = new RegExp(`^/repos/${repo}/deployments(?:/(\\d+)/statuses)?$`).exec(u.pathname);
    if (dep && !dep[1] && r.method === 'GET') {
      // Newest first, as GitHub lists them.
      const env = u.searchParams.get('environment');
      const perPage = Number(u.searchParams.get('per_page') ?? 30);
      const hits = deployments.filter((d) => !env || d.request.environment === env).reverse();
      return { status: 200, body: hits.slice(0, perPage).map((d) => ({ id: d.id, ...d.request })) };
    }
    if (dep && r.method === 'POST') {
      if (fake.refuseWrites)
        return {
          status: fake.refuseWrites,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
            status: String(fake.refuseWrites),
          },
        };
      const body = r.body as Record<string, unknown>;
      if (!dep[1]) {
        const d = { id: nextId++, request: body, statuses: [] };
        deployments.push(d);
        return { status: 201, body: { id: d.id, ...body, url: `${base}${u.pathname}/${d.id}` } };
      }
      const d = deployments.find((x) => x.id === Number(dep[1]));
      if (!d) return { status: 404, body: { message: 'Not Found' } };
      d.statuses.push(body);
      return { status: 201, body: { id: nextId++, ...body } };
    }
    const list = /^\/(\d+)\/comments$/.exec(u.pathname.slice(prefix.length));
    const one = /^\/comments\/(\d+)$/.exec(u.pathname.slice(prefix.length));
    if (!u.pathname.startsWith(prefix) || (!list && !one))
      return {
        status: 404,
        body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
      };
    if (r.method !== 'GET' && fake.refuseWrites)
      return {
        status: fake.refuseWrites,
        body: {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
          status: String(fake.refuseWrites),
        },
      };
    if (list) {
      const pr = Number(list[1]);
      const all = comments.get(pr) ?? [];
      if (r.method === 'GET') {
        const perPage = Math.min(Number(u.searchParams.get('per_page') ?? 30), 100);
        const page = Number(u.searchParams.get('page') ?? 1);
        const pages = Math.max(1, Math.ceil(all.length / perPage));
        const link = (p: number, rel: string) => {
          const next = new URL(u);
          next.searchParams.set('page', String(p));
          return `<${next.toString()}>; rel="${rel}"`;
        };
        const links = [
          ...(page < pages ? [link(page + 1, 'next'), link(pages, 'last')] : []),
          ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
        ];
        const data = all
          .slice((page - 1) * perPage, page * perPage)
          .map((c) => ({ ...c, html_url: html(pr, c.id) }));
        const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
        return { status: 200, body: data, headers };
      }
      if (r.method === 'POST') {
        const c = {
          id: nextId++,
          body: (r.body as { body: string }).body,
          user: { login: 'github-actions[bot]', type: 'Bot' },
        };
        comments.set(pr, [...all, c]);
        return { status: 201, body: { ...c, html_url: html(pr, c.id) } };
      }
    }
    if (one && r.method === 'PATCH') {
      const id = Number(one[1]);
      for (const [pr, all] of comments) {
        const c = all.find((x) => x.id === id);
        if (!c) continue;
        c.body = (r.body as { body: string }).body;
        return { status: 200, body: { ...c, html_url: html(pr, id) } };
      }
      return { status: 404, body: { message: 'Not Found' } };
    }
    return { status: 405, body: { message: 'Method Not Allowed' } };
  });
  return Object.assign(fake, served) as FakeGitHub;
}

export interface AdoThread {
  id: number;
  status?: string;
  isDeleted?: boolean;
  comments: { id: number; parentCommentId: number; content?: string; commentType: string }[];
}

/** Azure DevOps' pull-request threads API for one organisation, project and repository. */
export interface FakeAzureDevOps extends Fake {
  /** `http://127.0.0.1:port/org/`, as System.TeamFoundationCollectionUri reads. */
  collectionUri: string;
  threads: Map<number, AdoThread[]>;
}

export async function fakeAzureDevOps(project: string, repositoryId: string): Promise<FakeAzureDevOps> {
  const threads = new Map<number, AdoThread[]>();
  let nextId = 50;
  const fake: Partial<FakeAzureDevOps> = { threads };
  const prefix = `/org/${encodeURIComponent(project)}/_apis/git/repositories/${repositoryId}/pullRequests/`;
  const served = await serve((r, base) => {
    const u = new URL(r.url, base);
    if (u.searchParams.get('api-version') !== '7.1' || !u.pathname.startsWith(prefix))
      return { status: 404, body: { message: `no such resource ${u.pathname}`, typeKey: 'NotFound' } };
    if (r.method !== 'GET' && fake.refuseWrites)
      return {
        status: fake.refuseWrites,
        body: {
          $id: '1',
          message:
            "TF401027: You need the Git 'PullRequestContribute' permission to perform this action. Details: identity 'Build\\\\proj', scope 'repository'.",
          typeName: 'Microsoft.TeamFoundation.Git.Server.GitNeedsPermissionException',
          typeKey: 'GitNeedsPermissionException',
          errorCode: 0,
        },
      };
    const m = /^(\d+)\/threads(?:\/(\d+)\/comments\/(\d+))?$/.exec(u.pathname.slice(prefix.length));
    if (!m) return { status: 404, body: { message: 'not found' } };
    const pr = Number(m[1]);
    const all = threads.get(pr) ?? [];
    if (!m[2] && r.method === 'GET') return { status: 200, body: { value: all, count: all.length } };
    if (!m[2] && r.method === 'POST') {
      const b = r.body as {
        comments: { content: string; commentType: string; parentCommentId: number }[];
        status: string;
      };
      const t: AdoThread = {
        id: nextId++,
        status: b.status,
        comments: b.comments.map((c, i) => ({ id: i + 1, ...c })),
      };
      threads.set(pr, [...all, t]);
      return { status: 200, body: t };
    }
    if (m[2] && r.method === 'PATCH') {
      const c = all.find((t) => t.id === Number(m[2]))?.comments.find((x) => x.id === Number(m[3]));
      if (!c) return { status: 404, body: { message: 'comment not found' } };
      c.content = (r.body as { content: string }).content;
      return { status: 200, body: c };
    }
    return { status: 405, body: { message: 'method not allowed' } };
  });
  return Object.assign(fake, served, { collectionUri: `${served.url}/org/` }) as FakeAzureDevOps;
}

/** A GitHub event as the runner hands it to an action: its name and the payload file's content. */
export interface GitHubEvent {
  name: string;
  payload: unknown;
}

/**
 * The bundle run as the Action in checkout `dir` for `event` of `repo`, signed in to `sim` with a token,
 * talking to the GitHub API at `apiUrl`; `inputs` are INPUT_* variables (and any other) on top.
 */
export async function runAction(opts: {
  dir: string;
  sim: RunningSimulator;
  repo: string;
  apiUrl: string;
  event: GitHubEvent;
  runId: string;
  env: Record<string, string>;
}) {
  const { dir, sim } = opts;
  const out = path.join(dir, 'out');
  const eventFile = path.join(dir, 'event.json');
  writeFileSync(out, '');
  writeFileSync(path.join(dir, 'summary.md'), '');
  writeFileSync(eventFile, JSON.stringify(opts.event.payload));
  const r = await runBundle([], {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: out,
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    RUNNER_TEMP: dir,
    GITHUB_EVENT_NAME: opts.event.name,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: opts.repo,
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: opts.runId,
    INPUT_CONFIG: path.join(dir, 'fabric-deploy.yml'),
    INPUT_ENVIRONMENT: 'dev',
    INPUT_AUTH: 'token',
    INPUT_TOKEN: sim.issueToken(),
    'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
    ...opts.env,
  });
  return { ...r, outputs: parseGitHubOutputs(out) };
}
