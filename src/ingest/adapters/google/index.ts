import { sqlFile } from '../../../db/duck.ts';
import type { Adapter } from '../../adapter.ts';
import type { InputFile } from '../../discover.ts';

// Every Reports API activity says what it is; quotes may be escaped when the activity is
// held as a JSON string (SEKOIA intake test cases).
const ACTIVITY_KIND = /\\?"kind\\?"\s*:\s*\\?"admin#reports#activit(y|ies)\\?"/;

/** Google Workspace Admin SDK Reports activities (login and admin applications). */
export const google: Adapter = {
  name: 'google',
  title: 'Google Workspace Admin SDK Reports activities (login and admin applications)',
  maps: [
    'login login_success -> sessions (no session id in the format: each login is a session of its own, named login:<event id>; subject = actor email, lower-cased)',
    'login logout -> session_ends logout of the same user\'s latest login at or before it (in the inputs)',
    'login password_edit -> lifecycle password_changed; login account_disabled_* -> deactivated (subject = affected_email_address)',
    'admin SUSPEND_USER -> suspended; UNSUSPEND_USER, UNDELETE_USER -> reactivated; DELETE_USER -> deleted; CHANGE_PASSWORD -> password_reset (subject = USER_EMAIL)',
    'other login and admin events, and other applications (saml, token, drive, ...) -> skipped, counted per reason',
  ],
  gaps: [
    'no session id: a logout is tied to the user\'s latest login by time, not by session, and concurrent sessions cannot be told apart',
    'no revocation event: the Reports API logs no sign-out of a user by an admin, so Google sessions are never shown as revoked (and suspension\'s implicit sign-out is not logged)',
    'no session expiry and no user agent: expires_at comes only from policy session_lifetime (google)',
    'session use is not logged per session: SAML and OAuth token activity names no session and is skipped',
  ],
  detects:
    '"kind": "admin#reports#activity" (or an activities page); also inside a SEKOIA test case\'s input.message',
  docs: 'src/ingest/adapters/google/README.md',
  detect(file: InputFile): boolean {
    return file.layout !== 'csv' && file.layout !== 'parquet' && ACTIVITY_KIND.test(file.head);
  },
  mappingSql: sqlFile('src/ingest/adapters/google/map.sql'),
};
