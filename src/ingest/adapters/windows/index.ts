import { sqlFile } from '../../../db/duck.ts';
import type { Adapter } from '../../adapter.ts';
import type { InputFile } from '../../discover.ts';

// The Security log's provider, and an event id field in the flat (NXLog) or Winlogbeat shape.
const SECURITY_PROVIDER = /Microsoft-Windows-Security-Auditing/;
const EVENT_ID = /"(EventID|event_id)"\s*:\s*"?\d{4}/;

/** Windows Security event log records exported as JSON (NXLog / Security-Datasets, Winlogbeat). */
export const windows: Adapter = {
  name: 'windows',
  title: 'Windows Security event log as JSON (NXLog / OTRF Security-Datasets records, Winlogbeat documents)',
  maps: [
    '4624 logon (success) -> sessions (session = <host>:<TargetLogonId>, subject = TargetUserSid; machine accounts and well-known service SIDs are services)',
    '4634 logoff, 4647 user-initiated logoff -> session_ends logout of <host>:<TargetLogonId>',
    '4723 password change -> lifecycle password_changed (the logon session it was made in is kept); 4724 password reset -> password_reset (subject = TargetSid, actor = SubjectUserSid)',
    '4725 disabled -> deactivated; 4726 deleted -> deleted; 4740 locked out -> suspended; 4722 enabled, 4767 unlocked -> reactivated',
    'any event whose SubjectLogonId (not 0x0) names a logon session -> access_events: a use of <host>:<SubjectLogonId>',
    'failed logons and failed account changes (audit failure), and other event ids -> skipped, counted per reason',
  ],
  gaps: [
    'no revocation event: resetting or disabling an account ends no logon session, and Kerberos tickets stay valid until they expire (10 hours by default), so Windows sessions are never shown as revoked',
    'a logoff is a logout, and many logon sessions (network logons, services) are never logged off at all',
    'no session expiry: expires_at comes only from policy session_lifetime (windows)',
    'logon ids are unique per host and boot only: a host that reboots can reuse one',
    'the time is @timestamp (UTC); EventTime carries no zone and is not read',
    'evtx XML, and JSON shaped as System/EventData (evtx_dump), are not read',
  ],
  detects:
    'the provider Microsoft-Windows-Security-Auditing and an EventID (NXLog) or winlog.event_id (Winlogbeat) field',
  docs: 'src/ingest/adapters/windows/README.md',
  detect(file: InputFile): boolean {
    return file.layout !== 'csv' && file.layout !== 'parquet' && SECURITY_PROVIDER.test(file.head) && EVENT_ID.test(file.head);
  },
  mappingSql: sqlFile('src/ingest/adapters/windows/map.sql'),
};
