/** Text the pull-request comment hosts share: the line linking the run, and an error as one line. */

/** Room the footer may take: the rendered summary is cut 512 characters below the platform's limit. */
const FOOTER_MAX = 400;

/** A last line linking the run that wrote the comment and the commit it planned. */
export function commentFooter(runUrl: string | undefined, sha: string | undefined): string {
  const parts = ['Fabric Deploy'];
  if (runUrl) parts.push(`[pipeline run](${runUrl})`);
  if (sha && /^[0-9a-f]{7,64}$/i.test(sha)) parts.push(`commit ${sha.slice(0, 7)}`);
  const line = `\n\n<sub>${parts.join(' · ')}</sub>\n`;
  return line.length <= FOOTER_MAX ? line : '\n\n<sub>Fabric Deploy</sub>\n';
}

/** An HTTP or network error as one line: status and message, and the cause of a network failure. */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const status = (err as { status?: unknown }).status;
  const cause = (err as { cause?: unknown }).cause;
  const because =
    cause instanceof Error && !err.message.includes(cause.message)
      ? ` (${(cause as { code?: string }).code ?? cause.message})`
      : '';
  const text = err.message.split('\n')[0]!;
  return `${typeof status === 'number' && !text.startsWith(String(status)) ? `${status} ` : ''}${text}${because}`;
}
