import { sqlFile } from '../../../db/duck.ts';
import type { Adapter } from '../../adapter.ts';
import type { InputFile } from '../../discover.ts';

// Quotes may be escaped when the event is held as a JSON string (SEKOIA intake test cases).
const REALM_ID = /\\?"realmId\\?"\s*:/;
const USER_EVENT_TYPE = /\\?"type\\?"\s*:\s*\\?"[A-Z][A-Z0-9_]+\\?"/;
const ADMIN_OPERATION = /\\?"operationType\\?"\s*:\s*\\?"(CREATE|UPDATE|DELETE|ACTION)\\?"/;
const EVENTS_LOGGER = /\\?"(log\.logger|loggerName)\\?"\s*:\s*\\?"org\.keycloak\.events\\?"/;
const EVENTS_LOG_LINE = /^\S*[ T]?\d{2}:\d{2}:\d{2}[,.]\d+\S*\s+[A-Z]+\s+\[org\.keycloak\.events\]/m;

/** Keycloak user and admin events (Admin REST API JSON, JSON console logs, event log lines). */
export const keycloak: Adapter = {
  name: 'keycloak',
  title: 'Keycloak user and admin events (Admin REST API events, JSON console log records, org.keycloak.events log lines)',
  maps: [
    'LOGIN -> sessions (session = sessionId, else details.code_id, which Keycloak reuses as the user session id; neither: a session of its own named login:<event id>)',
    'CODE_TO_TOKEN, REFRESH_TOKEN, INTROSPECT_TOKEN, USER_INFO_REQUEST, TOKEN_EXCHANGE, PERMISSION_TOKEN, OAUTH2_DEVICE_CODE_TO_TOKEN with a session -> access_events (allowed; their _ERROR variants denied with the error)',
    'LOGOUT with a session -> session_ends logout',
    'UPDATE_PASSWORD, UPDATE_CREDENTIAL (password) -> lifecycle password_changed (the session it was made in is kept); RESET_PASSWORD -> password_reset',
    'REMOVE_TOTP, REMOVE_CREDENTIAL (not password) -> mfa_reset; DELETE_ACCOUNT -> deleted; USER_DISABLED_BY_PERMANENT_LOCKOUT -> deactivated; USER_DISABLED_BY_TEMPORARY_LOCKOUT -> suspended',
    'admin ACTION USER users/{id}/logout -> revocations of every session of the user; DELETE USER_SESSION sessions/{id} -> revocation of that session',
    'admin DELETE USER users/{id} -> deleted; UPDATE USER with representation enabled false -> deactivated; ACTION users/{id}/reset-password -> password_reset; ACTION users/{id}/remove-totp -> mfa_reset',
    'admin CREATE/DELETE REALM_ROLE_MAPPING, CLIENT_ROLE_MAPPING, GROUP_MEMBERSHIP on users/{id}/... -> permissions_changed',
    'failed logins, other event types and admin operations, server log lines -> skipped, counted per reason',
  ],
  gaps: [
    'no session expiry and no user agent in events: expires_at comes only from policy session_lifetime (keycloak)',
    'REFRESH_TOKEN, INTROSPECT_TOKEN and USER_INFO_REQUEST are not saved by default, so session use may be missing unless the realm enables them',
    'the jboss-logging listener prints no sessionId: log-line events link only through details.code_id, and a LOGOUT line without one cannot end a session',
    'disabling a user is an UPDATE whose representation is logged only when the realm includes representations; without it the disable is not seen',
    'a realm-wide logout-all names no subject and is skipped; session expiry (SSO Session Max) is not logged',
    'log lines whose time has no date (or no zone) cannot be placed in time and are quarantined',
  ],
  detects:
    'a JSON log record of the logger org.keycloak.events (log.logger or loggerName), a text log line with [org.keycloak.events], or a JSON event with realmId and an upper-case type (LOGIN, ...) or an admin operationType; also inside a SEKOIA test case\'s input.message',
  docs: 'src/ingest/adapters/keycloak/README.md',
  detect(file: InputFile): boolean {
    if (file.layout === 'csv' || file.layout === 'parquet') return false;
    const head = file.head;
    if (EVENTS_LOGGER.test(head) || EVENTS_LOG_LINE.test(head)) return true;
    return REALM_ID.test(head) && (USER_EVENT_TYPE.test(head) || ADMIN_OPERATION.test(head));
  },
  mappingSql: sqlFile('src/ingest/adapters/keycloak/map.sql'),
};
