import { sqlFile } from '../../../db/duck.ts';
import type { Adapter } from '../../adapter.ts';
import type { InputFile } from '../../discover.ts';

// Quotes may be escaped when the event is held as a JSON string (SEKOIA intake test cases).
const MONITOR_CATEGORY =
  /\\?"category\\?"\s*:\s*\\?"(SignInLogs|NonInteractiveUserSignInLogs|ServicePrincipalSignInLogs|ManagedIdentitySignInLogs|MicrosoftServicePrincipalSignInLogs|AuditLogs|MicrosoftGraphActivityLogs)\\?"/;
const OPERATION_NAME = /\\?"operationName\\?"\s*:/;
const GRAPH_SIGN_IN = [/\\?"createdDateTime\\?"\s*:/, /\\?"userPrincipalName\\?"\s*:/, /\\?"isInteractive\\?"\s*:/];
const GRAPH_AUDIT = [/\\?"activityDisplayName\\?"\s*:/, /\\?"initiatedBy\\?"\s*:/, /\\?"targetResources\\?"\s*:/];

/** Microsoft Entra ID sign-in and audit logs (Azure Monitor export or Microsoft Graph objects). */
export const entra: Adapter = {
  name: 'entra',
  title: 'Microsoft Entra ID sign-in and audit logs (Azure Monitor / Event Hub export, Microsoft Graph signIn and directoryAudit)',
  maps: [
    'interactive sign-in (SignInLogs; Graph isInteractive) that succeeded -> sessions (session = properties.sessionId; without one, a session of its own named signin:<id>)',
    'non-interactive sign-in (NonInteractiveUserSignInLogs) with a sessionId -> access_events (errorCode 0 allowed, else denied with the failure reason)',
    'failed interactive sign-in with a sessionId -> access_events denied',
    'audit Update StsRefreshTokenValidFrom Timestamp -> revocations of every session of the target user (scope all; trigger = the audit event with the same correlationId)',
    'audit Reset password (by admin) / (self-service), Reset user password, Reset password -> lifecycle password_reset',
    'audit Change password (self-service) -> password_changed; Change user password -> password_changed by the user, password_reset by anyone else',
    'audit Disable account -> deactivated; Delete user, Hard Delete user -> deleted; Enable account, Restore user -> reactivated',
    'audit Admin deleted security info -> mfa_reset; Add/Remove (eligible) member to/from role -> permissions_changed',
    'Graph activity logs with a sessionId -> access_events (HTTP status < 400 allowed)',
    'other audit activities, failed audits, service principal and managed identity sign-ins -> skipped, counted per reason',
  ],
  gaps: [
    'no logout event: Entra does not log sign-outs, so Entra sessions end only by revocation or by policy session_lifetime (entra)',
    'no per-session revocation: Update StsRefreshTokenValidFrom Timestamp revokes every refresh token of the user issued before it',
    'exports before 2024 carry no sessionId: each interactive sign-in becomes its own session and non-interactive sign-ins (token refreshes) cannot be tied to it and are skipped',
    'access tokens stay valid up to about an hour after a revocation unless the resource supports Continuous Access Evaluation: an allowed use shortly after revocation may be expected',
    'audit events name no session, so a password change cannot spare the session it was made in',
    'Log Analytics table exports (SigninLogs with PascalCase columns) and US-locale times are not read',
  ],
  detects:
    'an Azure Monitor record with a category such as SignInLogs, NonInteractiveUserSignInLogs or AuditLogs and an operationName, or a Microsoft Graph signIn (createdDateTime, userPrincipalName, isInteractive) or directoryAudit (activityDisplayName, initiatedBy, targetResources); also inside a SEKOIA test case\'s input.message',
  docs: 'src/ingest/adapters/entra/README.md',
  detect(file: InputFile): boolean {
    if (file.layout === 'csv' || file.layout === 'parquet') return false;
    const head = file.head;
    if (MONITOR_CATEGORY.test(head) && OPERATION_NAME.test(head)) return true;
    return GRAPH_SIGN_IN.every((re) => re.test(head)) || GRAPH_AUDIT.every((re) => re.test(head));
  },
  mappingSql: sqlFile('src/ingest/adapters/entra/map.sql'),
};
