// The values generated records are made of: user agents, address ranges, actions, reasons.
// Addresses come from the documentation ranges (RFC 5737) and carrier-grade NAT space, except
// the "attacker" range, which stands for an anonymising exit node.

export const USER_AGENTS = {
  laptop: [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36 Edg/127.0.2651.74',
    'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  ],
  phone: [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.6533.64 Mobile Safari/537.36',
    'Northwind/4.12.0 (iPhone; iOS 17.5; Scale/3.00)',
    'Northwind/4.12.0 (Android 14; SM-S921B)',
  ],
  tablet: [
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  ],
  agent: ['northwind-agent/2.3.1 (+mcp; python 3.12)', 'claude-code/1.0.58 (agent)', 'openai-agents/0.2.4 python/3.11', 'svc-sync/5.1 (go1.22)'],
  attacker: ['python-requests/2.32.3', 'curl/8.5.0', 'Go-http-client/1.1'],
} as const;

export type DeviceKind = 'laptop' | 'browser' | 'phone' | 'tablet';

/** An IPv4 address in a /24 (or /16 for the carrier range), chosen by an index. */
export const ip = {
  office: (i: number) => `198.51.100.${1 + (i % 254)}`,
  home: (i: number) => `203.0.113.${1 + (i % 254)}`,
  mobile: (i: number) => `100.${64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${1 + (i % 254)}`,
  cloud: (i: number) => `192.0.2.${1 + (i % 254)}`,
  attacker: (i: number) => `185.220.101.${1 + (i % 254)}`,
};

export const PERSON_ACTIONS: readonly (readonly [string, number])[] = [
  ['page.view', 40],
  ['api.read', 25],
  ['file.download', 8],
  ['api.write', 10],
  ['repo.clone', 4],
  ['settings.update', 2],
  ['admin.user.update', 1],
  ['message.send', 10],
];

export const AGENT_ACTIONS: readonly (readonly [string, number])[] = [
  ['api.read', 35],
  ['api.search', 20],
  ['tool.call', 25],
  ['api.write', 15],
  ['file.download', 5],
];

export const DENIED_REASONS = ['insufficient_scope', 'step_up_required', 'rate_limited'] as const;
export const STALE_REASONS = ['session_revoked', 'invalid_session', 'session_ended'] as const;

export const AUTH_METHODS: Record<DeviceKind | 'agent', readonly string[]> = {
  laptop: ['sso+webauthn', 'sso+totp', 'password+totp'],
  browser: ['sso', 'sso+webauthn'],
  phone: ['passkey', 'sso+push'],
  tablet: ['passkey'],
  agent: ['oauth_client_credentials', 'delegated_oauth', 'refresh_token'],
};

export const ADMINS = ['u-admin-01', 'u-admin-02', 'u-admin-03', 'u-admin-04'] as const;
export const SYSTEM_ACTORS = ['system:idp', 'system:hr-sync', 'system:mdm'] as const;

/** A reason text for a lifecycle event (what a help desk or HR system writes). */
export const LIFECYCLE_REASONS: Record<string, readonly string[]> = {
  password_reset: ['forgotten password', 'help desk reset', 'expired password'],
  password_changed: ['user changed password'],
  offboarded: ['termination', 'resignation', 'end of contract'],
  deactivated: ['account deactivated by HR sync'],
  suspended: ['leave of absence', 'security investigation'],
  deleted: ['retention period ended'],
  reactivated: ['returned from leave', 'investigation closed'],
  sso_deactivated: ['SSO connection removed'],
  permissions_changed: ['role change', 'group membership updated'],
  mfa_reset: ['new phone', 'lost authenticator'],
  device_lost: ['device reported lost', 'device stolen'],
  credential_compromised: ['password found in breach corpus', 'phishing report'],
  sign_out_everywhere: ['user signed out all devices'],
};
