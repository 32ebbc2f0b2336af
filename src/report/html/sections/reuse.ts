import type { Report } from '../../schema.ts';
import { none, table } from '../components.ts';
import { instant, int, words } from '../format.ts';
import { html, type Html } from '../html.ts';

/** Attempts on ended sessions grouped by IP address and by user agent across sessions. */
export function reuse(report: Report): Html {
  const clusters = report.reuse_clusters;
  return html`<section id="reuse" aria-labelledby="reuse-h">
<h2 id="reuse-h">Reuse of ended sessions</h2>
<p class="lede">Uses of a session more than the clock skew after it was revoked or logged out, grouped by IP address and by user agent. One address or client trying many ended sessions points at a stolen token store rather than a stale browser tab.</p>
${
    clusters.length === 0
      ? none('No session was used after it was revoked or logged out.')
      : table({
          id: 'reuse-table',
          columns: [
            { label: 'By' }, { label: 'Value' }, { label: 'Sessions', num: true }, { label: 'Subjects', num: true },
            { label: 'Attempts', num: true }, { label: 'Accepted', num: true }, { label: 'Denied', num: true },
            { label: 'First (UTC)' }, { label: 'Last (UTC)' }, { label: 'Session ids' },
          ],
          rows: clusters.map(
            (c) => html`<tr><td class="nowrap">${words(c.by)}</td><td class="mono wrapall value">${c.value}</td><td class="num">${int(c.sessions)}</td><td class="num">${int(c.subjects)}</td><td class="num">${int(c.attempts)}</td><td class="num${c.accepted > 0 ? ' bad' : ''}">${int(c.accepted)}</td><td class="num">${int(c.denied)}</td><td class="nowrap" data-sort="${c.first}">${instant(c.first)}</td><td class="nowrap" data-sort="${c.last}">${instant(c.last)}</td><td class="mono small sessions">${c.session_ids.join(', ')}${c.sessions > c.session_ids.length ? html` <span class="muted">and ${int(c.sessions - c.session_ids.length)} more</span>` : ''}</td></tr>`,
          ),
        })
  }
</section>`;
}
