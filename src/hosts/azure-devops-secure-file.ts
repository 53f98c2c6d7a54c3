/**
 * A certificate kept as an Azure Pipelines secure file (Pipelines → Library → Secure files). The agent
 * gives a task with a secureFile input the file's id as the input's value, and SECUREFILE_NAME_<id> /
 * SECUREFILE_TICKET_<id>: a one-job ticket that, with the job's access token, downloads the file from
 * `<collection><project>/_apis/distributedtask/securefiles/<id>?ticket=…&download=true` (what the
 * DownloadSecureFile task does through azure-devops-node-api). Written with mode 0600 into the agent's
 * temp folder (which the agent empties after every job) and deleted when the process exits.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs, rmSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';
import { assertSafeUrl, createDispatcher } from '../fabric/http';

/** The input, in the task's spelling (the only host that has it). */
const INPUT = 'certificateSecureFile';
/** The REST version azure-devops-node-api's TaskAgentApi asks for in its Accept header. */
const API_VERSION = '7.1-preview.1';
/** A certificate is a few kilobytes; anything far larger is not one. */
const MAX_BYTES = 1024 * 1024;

export interface SecureFileRequest {
  /** The input's value: the secure file's id (the agent resolves the name a pipeline gives). */
  id: string;
  /** SECUREFILE_NAME_<id>, for messages. */
  name?: string;
  ticket?: string;
  collectionUri?: string;
  project?: string;
  accessToken?: string;
  /** Where to write it: Agent.TempDirectory. */
  dir: string;
  proxyUrl?: string;
}

function refuse(message: string, fix: string): never {
  throw new ConfigError(message, { field: INPUT, fix });
}

/** Downloads the secure file and returns the path of its 0600 copy, removed at process exit. */
export async function downloadSecureFile(r: SecureFileRequest): Promise<string> {
  const label = `secure file '${r.name ?? r.id}'`;
  if (!r.ticket)
    refuse(
      `${INPUT}: the agent gave this job no ${label} (no SECUREFILE_TICKET_${r.id})`,
      'Name a file that exists under Pipelines > Library > Secure files, in a YAML step input ' +
        '(a secure file given through a variable at run time is not authorized for the job).',
    );
  const missing = [
    !r.collectionUri && 'System.TeamFoundationCollectionUri',
    !r.project && 'System.TeamProject',
    !r.accessToken && 'System.AccessToken',
  ].filter(Boolean);
  if (missing.length)
    refuse(
      `${INPUT}: cannot download the ${label}: the agent did not set ${missing.join(', ')}`,
      'Run the task on an Azure Pipelines agent; the job access token must not be disabled for it.',
    );
  const url = assertSafeUrl(
    `${r.collectionUri!.replace(/\/?$/, '/')}${encodeURIComponent(r.project!)}/_apis/distributedtask/securefiles/` +
      `${encodeURIComponent(r.id)}?ticket=${encodeURIComponent(r.ticket!)}&download=true`,
    'Azure DevOps URL',
  );
  const dispatcher = createDispatcher(r.proxyUrl ? { proxy: r.proxyUrl } : {});
  let bytes: Buffer;
  try {
    const res = await dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: 'GET',
      headers: {
        authorization: `Bearer ${r.accessToken}`,
        accept: `application/octet-stream;api-version=${API_VERSION}`,
      },
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    bytes = Buffer.from(await res.body.arrayBuffer());
    if (res.statusCode !== 200)
      refuse(
        `${INPUT}: downloading the ${label} was refused: HTTP ${res.statusCode}`,
        res.statusCode === 401 || res.statusCode === 403
          ? `Authorize this pipeline to use it: Pipelines > Library > Secure files > ${r.name ?? r.id} > Pipeline permissions.`
          : 'Check that the secure file still exists in this project (Pipelines > Library > Secure files).',
      );
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    refuse(
      `${INPUT}: could not download the ${label} from ${url.origin}: ${(e as Error).message}`,
      'Check that the agent can reach Azure DevOps (its proxy settings) and run the job again.',
    );
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
  if (bytes.length === 0 || bytes.length > MAX_BYTES)
    refuse(
      `${INPUT}: the ${label} is ${bytes.length} bytes, not a certificate`,
      'Upload the PEM or PFX certificate of the app registration as the secure file.',
    );
  const ext = path.extname(r.name ?? '').toLowerCase();
  const file = path.join(
    r.dir,
    `fabric-deploy-certificate-${randomUUID()}${/^\.[a-z0-9]{1,5}$/.test(ext) ? ext : ''}`,
  );
  await fs.mkdir(r.dir, { recursive: true });
  // 'wx': never through a file (or link) someone placed there; 0600: only the agent's user reads it.
  await fs.writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
  process.once('exit', () => rmSync(file, { force: true }));
  return file;
}
