/**
 * The roster as printed: one sheet per post, in Chinese whatever the screen's language (it is posted at the
 * post), names and roles only. Hidden on screen; on paper everything else is hidden and each post starts a page.
 */
import type { RosterCell } from '../../../domain/checkpoints/api';
import type { Post } from '../../../domain/checkpoints/api';
import i18n from '../../app/i18n';

const CSS = `
.roster-print { display: none; }
@media print {
  body * { visibility: hidden; }
  .roster-print, .roster-print * { visibility: visible; }
  .roster-print { display: block; position: absolute; left: 0; top: 0; width: 100%; font-size: 12pt; color: #000; }
  .roster-print section { page-break-after: always; break-after: page; }
  .roster-print section:last-child { page-break-after: auto; break-after: auto; }
  .roster-print table { width: 100%; border-collapse: collapse; }
  .roster-print th, .roster-print td { border: 1px solid #000; padding: 4pt; vertical-align: top; text-align: left; }
  .roster-print .short { font-weight: bold; }
}`;

export function RosterPrint({ posts, days, cells }: { posts: Post[]; days: string[]; cells: RosterCell[] }) {
  const byKey = new Map(cells.map((c) => [`${c.postId}|${c.day}|${c.shiftCode}`, c]));
  const zh = i18n.getFixedT('zh-CN');
  const role = (r: string) => zh(`checkpoints.role.${r}`);
  const weekday = (d: string) => zh(`checkpoints.print.weekday.${new Date(`${d}T00:00:00Z`).getUTCDay()}`);
  return (
    <div className="roster-print" data-testid="roster-print">
      <style>{CSS}</style>
      {posts.map((p) => (
        <section key={p.id}>
          <h2>{zh('checkpoints.print.title', { post: p.name, from: days[0], to: days[days.length - 1] })}</h2>
          <p>
            {p.areaName}
            {p.place ? `　${p.place}` : ''}
          </p>
          <table>
            <thead>
              <tr>
                <th>{zh('checkpoints.print.date')}</th>
                {p.shifts.map((s) => (
                  <th key={s.code}>
                    {s.name} {s.start}–{s.end}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d}>
                  <td>{zh('checkpoints.print.day', { day: d, weekday: weekday(d) })}</td>
                  {p.shifts.map((s) => {
                    const c = byKey.get(`${p.id}|${d}|${s.code}`);
                    if (!c) return <td key={s.code}>—</td>;
                    return (
                      <td key={s.code}>
                        {c.people.map((x) => zh('checkpoints.print.person', { name: x.name, role: role(x.role) })).join(zh('checkpoints.print.and'))}
                        {c.short.length > 0 && (
                          <span className="short"> {zh('checkpoints.print.short', { roles: c.short.map(role).join(zh('checkpoints.print.and')) })}</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
