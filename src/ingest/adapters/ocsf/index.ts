import { sqlFile } from '../../../db/duck.ts';
import type { Adapter } from '../../adapter.ts';
import type { InputFile } from '../../discover.ts';

// Every OCSF event carries its class, activity and metadata; quotes may be escaped when the
// event is held as a JSON string (SEKOIA intake test cases). OCSF events converted from Okta
// or Windows logs are OCSF: the provider's own adapter looks for its native fields instead.
const CLASS_UID = /\\?"class_uid\\?"\s*:\s*\d{4}\b/;
const ACTIVITY_ID = /\\?"activity_id\\?"\s*:\s*\d+/;
const METADATA = /\\?"metadata\\?"\s*:\s*\{/;

/** OCSF Identity & Access Management events (Authentication, Account Change, User Management). */
export const ocsf: Adapter = {
  name: 'ocsf',
  title: 'OCSF events: Authentication 3002, Account Change 3001, User Management 3007, User Access Management 3005',
  maps: [
    'Authentication 3002 Logon (not failed) -> sessions (session = session.uid; without one, a session of its own named logon:<metadata.uid>; expires_at = session.expiration_time)',
    'Authentication 3002 Logoff with session.uid -> session_ends logout',
    'Account Change 3001: Password Change -> password_changed, Password Reset -> password_reset, Disable -> deactivated, Delete -> deleted, Lock -> suspended, Enable/Unlock -> reactivated, MFA Factor Disable -> mfa_reset, Attach/Detach Policy -> permissions_changed',
    'User Management 3007 (OCSF 1.9): the same kinds by its activity ids; User Access Management 3005 -> permissions_changed',
    'any event of another class whose actor.session.uid names a session (e.g. API Activity 6003, or the admin\'s session in an Account Change) -> access_events, a use of that session',
    'failed events (status_id 2), Kerberos ticket activities, account creation and other classes -> skipped, counted per reason',
  ],
  gaps: [
    'OCSF has no session-revoked activity: revocations must come from another source',
    'session ids are only as unique as the mapped source\'s (a Windows logon id such as 0x3E7 repeats across hosts)',
    'a failed event is skipped as a whole, even where the mapper marks an account Lock as failed because the sign-in that caused it failed',
    'times are read as timestamp_t (epoch milliseconds, or seconds when small); time_dt and metadata.original_time are not read',
  ],
  detects:
    'a four-digit class_uid, an activity_id and a metadata object; also inside a SEKOIA test case\'s input.message',
  docs: 'src/ingest/adapters/ocsf/README.md',
  detect(file: InputFile): boolean {
    if (file.layout === 'csv' || file.layout === 'parquet') return false;
    return CLASS_UID.test(file.head) && ACTIVITY_ID.test(file.head) && METADATA.test(file.head);
  },
  mappingSql: sqlFile('src/ingest/adapters/ocsf/map.sql'),
};
