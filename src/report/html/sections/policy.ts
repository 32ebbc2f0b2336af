import type { Report } from '../../schema.ts';
import { none, table } from '../components.ts';
import { duration, instant, int, roundDuration, words } from '../format.ts';
import { html, type Html } from '../html.ts';
import { policyView } from '../policy-view.ts';

/** The effective policy of the run and the expiry assumptions per source. */
export function policy(report: Report): Html {
  const p = policyView(report);
  const raw = report.policy;
  const flags: [string, unknown][] = [
    ['keep the initiating session on a password change', raw['keep_initiating_session']],
    ['permission changes require revocation', raw['permissions_changed_requires_revocation']],
    ['a revocation must record a reason', raw['require_revocation_reason']],
  ];
  const overrides = Object.entries((raw['severity'] ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  const disabled = Array.isArray(raw['disabled_rules']) ? (raw['disabled_rules'] as unknown[]).map(String) : [];
  const period = report.run.period;
  return html`<section id="policy" aria-labelledby="policy-h">
<h2 id="policy-h">Policy and assumptions</h2>
<div class="two">
<div>
<h3>Run</h3>
<table><tbody>
<tr><th scope="row">Period</th><td>${period.from || period.to ? html`${instant(period.from)} to ${instant(period.to)} (end exclusive)` : 'not set: every record counts'}</td></tr>
<tr><th scope="row">Inputs end</th><td>${instant(report.run.inputs_end)} <span class="small muted">(latest event time; pending is judged against it, never the clock)</span></td></tr>
<tr><th scope="row">SLA</th><td>${roundDuration(p.sla_seconds)} <span class="small muted">(default for every kind)</span></td></tr>
<tr><th scope="row">Clock skew</th><td>${roundDuration(p.skew_seconds)}</td></tr>
${flags.map(([label, v]) => html`<tr><th scope="row">${label}</th><td>${v === true ? 'yes' : v === false ? 'no' : '—'}</td></tr>`)}
<tr><th scope="row">Severity overrides</th><td>${overrides.length ? overrides.map(([rule, sev], i) => html`${i ? ', ' : ''}<code>${rule}</code> → ${String(sev)}`) : 'none'}</td></tr>
<tr><th scope="row">Disabled rules</th><td>${disabled.length ? disabled.map((r, i) => html`${i ? ', ' : ''}<code>${r}</code>`) : 'none'}</td></tr>
</tbody></table>
</div>
<div>
<h3>Per lifecycle kind</h3>
${table({
  id: 'kinds-policy',
  sortable: false,
  columns: [{ label: 'Kind' }, { label: 'Requires revocation' }, { label: 'SLA', num: true }, { label: 'Skew', num: true }],
  rows: p.kinds.map(
    (k) => html`<tr><td>${words(k.kind)}</td><td>${k.requires_revocation ? 'yes' : html`<span class="muted">no</span>`}</td><td class="num">${roundDuration(k.sla_seconds)}</td><td class="num">${roundDuration(k.skew_seconds)}</td></tr>`,
  ),
})}
</div>
</div>
<h3 id="expiry">Session expiry assumptions</h3>
<p class="lede">Expiry is not revocation, but it decides which sessions were still live when an event happened. Sources that do not record when a session expires get a lifetime from policy (<code>session_lifetime</code>) when one is set; otherwise their sessions live until they end.</p>
${
    report.summary.expiry.length === 0
      ? none('No sessions in the inputs.')
      : table({
          id: 'expiry-table',
          sortable: false,
          columns: [{ label: 'Source' }, { label: 'Sessions', num: true }, { label: 'With expiry recorded', num: true }, { label: 'Assumed lifetime' }, { label: 'Effect' }],
          rows: report.summary.expiry.map((e) => {
            const missing = e.sessions - e.with_expiry;
            const effect =
              missing === 0
                ? 'every session records its expiry'
                : e.assumed_lifetime_seconds === null
                  ? `${int(missing)} session(s) have no expiry and live until revoked, logged out or an expiry record`
                  : `${int(missing)} session(s) expire ${duration(e.assumed_lifetime_seconds)} after creation (assumed)`;
            return html`<tr><td>${e.source}</td><td class="num">${int(e.sessions)}</td><td class="num">${int(e.with_expiry)}</td><td>${e.assumed_lifetime_seconds === null ? 'none' : duration(e.assumed_lifetime_seconds)}</td><td>${effect}</td></tr>`;
          }),
        })
  }
</section>`;
}
