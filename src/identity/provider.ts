/** The token provider every command signs in with, and the sign-in method it is built on. */
import type { TokenCredential } from '@azure/identity';
import type { SignInKind } from '../settings/auth';
import type { AssertionSource } from './oidc';
import type { TokenProvider } from './token';

export interface FabricTokenProvider extends TokenProvider {
  /** The kind actually used (`auto` resolved), e.g. `oidc`. */
  kind: SignInKind;
  /** One line for the log, e.g. "OIDC (GitHub) as client 0000… in tenant 0000…". No secrets. */
  description: string;
  /** For Key Vault and Graph clients: same identity, tokens cached and masked. Absent for `auth: token`. */
  credential?: TokenCredential;
  /** An access token for any scope (Graph, Key Vault); Fabric's is `getToken()`. */
  tokenFor(scope: string): Promise<string>;
  /** `auth: token` only: when the given token expires (its `exp`), if it is a JWT. */
  expiresAt?: Date;
}

/** A credential ready to be asked for tokens: what the auth plan was turned into. */
export interface SignInMethod {
  kind: SignInKind;
  description: string;
  /** Builds a fresh credential (new MSAL cache); called again on a forced refresh. */
  make?: () => TokenCredential;
  staticToken?: string;
  assertion?: AssertionSource;
  /** Field to blame when the sign-in itself is refused. */
  field: string;
  /** The tenant's OpenID metadata URL: read again when MSAL only says the authority did not resolve. */
  tenantDiscovery?: string;
}
