import { sqlFile } from '../../../db/duck.ts';
import type { Adapter } from '../../adapter.ts';
import type { InputFile } from '../../discover.ts';

// An OCSF event may carry this provider's raw event inside it; it is the OCSF adapter's.
const OCSF = /\\?"class_uid\\?"\s*:/;

// WorkOS objects say what they are, and their ids are a type prefix and a ULID.
const OBJECT = /"object"\s*:\s*"(event|list|session|user|organization_membership|directory_user|connection|password_reset)"/;
const WORKOS_ID = /"id"\s*:\s*"(event|session|user|om|directory_user|conn|password_reset|org|organization)_[0-9A-Z]{20,}"/;

/** WorkOS events (Events API, webhooks) and Sessions API session objects. */
export const workos: Adapter = {
  name: 'workos',
  title: 'WorkOS events (Events API pages, webhook payloads) and Sessions API session lists',
  maps: [
    'session.created -> sessions (id, user, ip, user agent, auth_method, expires_at)',
    'session.revoked -> revocations (actor = context.actor.id), and the session from its data when no session.created describes it',
    'Sessions API session objects -> sessions when no event describes them; status revoked -> revocations (no actor), expired -> session_ends expired',
    'password_reset.succeeded -> lifecycle password_reset',
    'user.deleted, dsync.user.deleted -> lifecycle deleted; dsync.user.updated to state inactive -> deactivated',
    'organization_membership.updated to status inactive, organization_membership.deleted -> lifecycle offboarded; a role change -> permissions_changed',
    'connection.deactivated -> lifecycle sso_deactivated for each user seen signing in through it (SSO sessions of its organization, authentication.sso_succeeded with its connection)',
    'authentication.*_succeeded -> access_events on the session of that user created closest to it (5 s before to 5 min after)',
    'other events (user.created, user.updated, password_reset.created, authentication.*_failed, ...) and API objects other than sessions -> skipped, counted per type',
  ],
  gaps: [
    'no session activity: WorkOS records no use of a session; bring the application\'s own request log (native session.activity keyed on the access token\'s sid claim)',
    'no logout event: a logout through the logout URL is not in the event stream (if WorkOS reports it as session.revoked, it reads as a revocation)',
    'session.revoked without context.actor names no one who revoked the session (revocation-audit-incomplete reports it)',
    'authentication events name no session; they are attached to a session by user and time, or skipped',
    'Directory Sync events name the directory user (directory_user_...), not the AuthKit user whose sessions must end: map one to the other in the config\'s identities',
    'user.updated carries no state that ends sessions (WorkOS users have no disabled state) and is skipped',
    'the Events API keeps 30 days; older sessions are known only from session.revoked data or a Sessions API list',
    'a Sessions API list is a snapshot: it says a session was revoked but not who revoked it',
  ],
  detects: 'a JSON object with "object": "event" (or list, session, user, ...) and a WorkOS id (event_..., session_..., user_... followed by a ULID)',
  docs: 'docs/formats.md#workos',
  detect(file: InputFile): boolean {
    return file.layout !== 'csv' && file.layout !== 'parquet' && OBJECT.test(file.head) && WORKOS_ID.test(file.head) && !OCSF.test(file.head);
  },
  mappingSql: sqlFile('src/ingest/adapters/workos/map.sql'),
};
