import { sqlFile } from '../../../db/duck.ts';
import type { Adapter } from '../../adapter.ts';
import type { InputFile } from '../../discover.ts';

// An OCSF event may carry this provider's raw event inside it; it is the OCSF adapter's.
const OCSF = /\\?"class_uid\\?"\s*:/;

// An Auth0 log event has a log_id (or _id in older exports), a date and a short type code.
const LOG_ID = /"(log_id|_id)"\s*:\s*"[^"]+"/;
const TYPE_CODE = /"type"\s*:\s*"[a-z_]{1,40}"/;
const DATE = /"date"\s*:\s*"\d{4}-\d{2}-\d{2}T/;

/** Auth0 tenant logs (Management API, log streams). */
export const auth0: Adapter = {
  name: 'auth0',
  title: 'Auth0 tenant logs (GET /api/v2/logs, log stream payloads)',
  maps: [
    's (login) -> sessions (session = details.session_id; the earliest login of a session creates it) and access_events (every login uses it)',
    'ssa (silent authentication) -> access_events',
    'slo -> session_ends logout',
    'scp -> lifecycle password_reset (Auth0 changes passwords through a reset ticket); sdu -> deleted',
    'srrt -> revocations of details.session_id; universal_logout_succeeded -> revocations of every session of the user',
    'sapi DELETE /api/v2/sessions/{id}, POST /api/v2/sessions/{id}/revoke -> revocations of that session; DELETE /api/v2/users/{id}/sessions -> revocations of every session of the user',
    'sapi DELETE /api/v2/users/{id} -> lifecycle deleted; PATCH /api/v2/users/{id} with blocked true / false -> suspended / reactivated, with a password -> password_reset',
    'other types (failures f*, sv, token exchanges, other sapi calls) -> skipped, counted per type',
  ],
  gaps: [
    'no session expiry: expires_at comes only from policy session_lifetime (auth0)',
    'older logs carry no details.session_id on s, slo or srrt; those records are skipped',
    'a session revoked through the Management API names no user in the log: the user comes from the session\'s login in the same inputs',
    'a user deleted through the Management API may be logged both as sapi and as sdu; each gives a lifecycle event',
    'refresh-token exchanges (sertft) name no session and are skipped, so token use after a revocation is not seen',
    'universal_logout_succeeded names no actor (the request comes from the federated identity provider)',
  ],
  detects: 'a JSON object with "log_id" (or "_id"), an ISO "date" and a short "type" code; also inside log-stream and Elastic wrappers',
  docs: 'docs/formats.md#auth0',
  detect(file: InputFile): boolean {
    return file.layout !== 'parquet' && LOG_ID.test(file.head) && TYPE_CODE.test(file.head) && DATE.test(file.head) && !OCSF.test(file.head);
  },
  mappingSql: sqlFile('src/ingest/adapters/auth0/map.sql'),
};
