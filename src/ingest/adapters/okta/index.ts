import { sqlFile } from '../../../db/duck.ts';
import type { Adapter } from '../../adapter.ts';
import type { InputFile } from '../../discover.ts';

// An OCSF event may carry this provider's raw event inside it; it is the OCSF adapter's.
const OCSF = /\\?"class_uid\\?"\s*:/;

// A LogEvent's eventType is a dotted lower-case name (user.session.start); the quotes may be
// escaped when the event is held as a string (SEKOIA intake test cases).
const EVENT_TYPE = /\\?"eventType\\?"\s*:\s*\\?"[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+\\?"/;
const PUBLISHED = /\\?"published\\?"\s*:/;

/** Okta System Log events (LogEvent objects from /api/v1/logs, event hooks or SIEM exports). */
export const okta: Adapter = {
  name: 'okta',
  title: 'Okta System Log (LogEvent JSON: API pages, JSON lines, event hook payloads)',
  maps: [
    'user.session.start (SUCCESS) -> sessions (session = authenticationContext.externalSessionId)',
    'user.session.end -> session_ends logout; in the transaction of a clear, deactivation, suspension, deletion, reset or universal logout -> revocations of that session',
    'user.session.expire -> session_ends expired',
    'user.session.clear, user.authentication.universal_logout -> revocations of every session of the target user',
    'user.account.reset_password -> lifecycle password_reset; user.account.update_password -> password_changed (the session it was changed in is kept)',
    'user.lifecycle.deactivate / suspend / delete.initiated -> deactivated / suspended / deleted; unsuspend, reactivate -> reactivated',
    'user.mfa.factor.reset_all -> lifecycle mfa_reset',
    'user.account.privilege.revoke, group.user_membership.remove -> lifecycle permissions_changed (requires revocation only when policy says so)',
    'user.authentication.sso, user.session.access_admin_app, user.authentication.auth_via_mfa / verify / auth_via_IDP -> access_events (SUCCESS/ALLOW allowed, FAILURE/DENY denied)',
    'other event types (policy.evaluate_sign_on, app.*, group.*) -> skipped, counted per type',
  ],
  gaps: [
    'no session expiry: expires_at comes only from policy session_lifetime (okta)',
    'per-session revocations are recognised only when the user.session.end rows share transaction.id with the clear (or other trigger) in the same inputs; without it they read as logouts',
    'user.authentication.universal_logout is read as ending every session of the user; Okta does not list which sessions it ended',
    'admin actions carry the admin\'s session in externalSessionId, so they never name the target\'s sessions',
    'OAuth token revocations (app.oauth2.*.revoke) are not session revocations and are skipped',
    'the admin console\'s CSV export is not read; export JSON from the System Log API',
  ],
  detects: 'a JSON object with a dotted lower-case "eventType" (user.session.start) and "published"; also inside a SEKOIA test case\'s input.message',
  docs: 'docs/formats.md#okta',
  detect(file: InputFile): boolean {
    return file.layout !== 'csv' && file.layout !== 'parquet' && EVENT_TYPE.test(file.head) && PUBLISHED.test(file.head) && !OCSF.test(file.head);
  },
  mappingSql: sqlFile('src/ingest/adapters/okta/map.sql'),
};
