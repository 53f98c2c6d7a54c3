/** docs/reference/errors.md: the Fabric errorCodes and AADSTS codes the messages explain, from their tables. */
import { FABRIC_ERROR_HINTS, SERVER_ERROR_HINT } from '../fabric/error-hints';
import { RETRIABLE_ERROR_CODES, RETRIABLE_STATUSES } from '../fabric/errors';
import { AADSTS_HINTS } from '../identity/aadsts';
import { cell, code, GENERATED_NOTE, table } from './markdown';

const sentence = (s: string) => {
  const t = s.trim();
  return t ? t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.') : '';
};

function fabricRows(): string[][] {
  return Object.entries(FABRIC_ERROR_HINTS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([codeName, h]) => {
      const hint = typeof h.hint === 'function' ? h.hint() : h.hint;
      const retried = RETRIABLE_ERROR_CODES.has(codeName) || RETRIABLE_STATUSES.has(h.status);
      return [
        code(codeName),
        h.status ? String(h.status) : '— (Fabric Deploy)',
        cell(sentence(h.meaning)),
        cell(
          [
            hint ? sentence(hint) : '',
            h.handled
              ? `*Fabric Deploy:* ${sentence(h.handled)}`
              : retried
                ? '*Fabric Deploy:* retried.'
                : '',
          ]
            .filter(Boolean)
            .join(' '),
        ),
      ];
    });
}

function aadstsRows(): string[][] {
  return Object.entries(AADSTS_HINTS)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([n, h]) => [
      code(`AADSTS${n}`),
      h.field ? code(h.field) : '—',
      cell(sentence(h.meaning)),
      cell(h.fix),
    ]);
}

export function errorsPage(): string {
  return [
    GENERATED_NOTE('src/fabric/error-hints.ts and src/identity/aadsts.ts'),
    '',
    '# Error catalogue',
    '',
    'What the codes in a failed run mean and what to do. The error messages carry the same text: a refused',
    'Fabric call ends in `Hint: …`, a refused sign-in in the AADSTS meaning and its fix. Symptoms without a',
    'code (a lock held, drift, a proxy, a killed run): [troubleshooting](../troubleshooting.md). The stable',
    '`code` of the error that ended a run (`--json`’s `error.code`, the summary’s Error table), which is one',
    'of these errorCodes or one of the tool’s own: [observability.md](../observability.md#error-codes).',
    '',
    '## Fabric API errors',
    '',
    'A Fabric error reads `<operation> failed: <errorCode> (HTTP <status>): <Fabric’s message> [requestId …]. Hint: …`;',
    'the audit log records the request id with the failed step (and telemetry, when on, with the error). Quote',
    'the request id to Microsoft support.',
    '',
    `Retried before they are reported, with jittered backoff (never sooner than \`Retry-After\`): HTTP ${[...RETRIABLE_STATUSES].join(', ')}, network errors and ${[...RETRIABLE_ERROR_CODES].map(code).join(', ')}. Any other 5xx answer says: “${sentence(SERVER_ERROR_HINT)}”`,
    '',
    'A permission error names the role the call needs (for example “workspace Admin (and Contributor or Admin',
    'on the capacity)” to assign a capacity, “workspace Contributor or higher” to write an item).',
    '',
    table(['errorCode', 'HTTP', 'Meaning', 'Fix'], fabricRows()),
    '',
    '## Sign-in errors (Entra ID, AADSTS)',
    '',
    'A refused sign-in reads `Sign-in failed (<method>) for <scope>: AADSTS<code>: <meaning>`, then what Entra',
    'ID said, the claims of the OIDC token presented (issuer, subject, audience: compare them with the',
    'federated credential) and the fix. “Input” is the input at fault, when the code points at one. A code not',
    'listed here links to `https://login.microsoftonline.com/error?code=<code>`. Setting up each kind of',
    'sign-in: [identity.md](../identity.md).',
    '',
    table(['Code', 'Input', 'Meaning', 'Fix'], aadstsRows()),
    '',
  ].join('\n');
}
