import { sqlFile } from '../../../db/duck.ts';
import type { Adapter } from '../../adapter.ts';
import type { InputFile } from '../../discover.ts';

// A Security Event Token's events are keyed by event-type URIs under this prefix.
const EVENT_TYPE_URI = /https?:\/\/schemas\.openid\.net\/secevent\//;
const EVENTS = /"events"\s*:\s*\{/;

/** OpenID Shared Signals: decoded CAEP / RISC Security Event Tokens. */
export const ssf: Adapter = {
  name: 'ssf',
  title: 'OpenID Shared Signals: decoded Security Event Tokens (CAEP, RISC, SSF) with RFC 9493 subjects',
  maps: [
    'caep session-revoked -> revocations: of the session when the subject names one (complex session member, or a bare opaque subject), else of every session of the user',
    'caep session-established -> sessions (session = the subject\'s session member, else ext_id, else a session of its own named set:<event id>); session-presented with a session or ext_id -> access_events',
    'caep credential-change of a password -> password_changed when initiating_entity is user, else password_reset; revoke/delete of another credential -> mfa_reset',
    'caep token-claims-change -> permissions_changed',
    'risc account-disabled -> deactivated; account-purged -> deleted; account-enabled -> reactivated; credential-compromise -> credential_compromised',
    'risc sessions-revoked (deprecated) and oauth tokens-revoked -> revocations of every session of the subject',
    'subjects: email (lower-cased), iss_sub (sub), opaque (id), account (uri without acct:), phone_number, did, uri, aliases (first), complex (user, session, device members)',
    'assurance-level, device-compliance and risk-level changes, credential creation, stream events (verification, stream-updated) -> skipped, counted per reason',
  ],
  gaps: [
    'SETs must be decoded JSON claim sets: compact JWTs are not decoded and signatures are not checked',
    'a session-revoked naming a user and a device (no session) cannot be limited to that device and is skipped',
    'no IP or user agent (fp_ua is a fingerprint, kept in attributes) and no session expiry: expires_at comes only from policy session_lifetime (ssf)',
    'no logout event: CAEP has no session-ended for a user\'s own sign-out',
    'jti is not used to find duplicates: the event id is a hash of the SET\'s claims',
  ],
  detects:
    'an events object keyed by event-type URIs under https://schemas.openid.net/secevent/',
  docs: 'src/ingest/adapters/ssf/README.md',
  detect(file: InputFile): boolean {
    return file.layout !== 'csv' && file.layout !== 'parquet' && EVENT_TYPE_URI.test(file.head) && EVENTS.test(file.head);
  },
  mappingSql: sqlFile('src/ingest/adapters/ssf/map.sql'),
};
