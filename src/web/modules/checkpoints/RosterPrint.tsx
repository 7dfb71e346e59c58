/**
 * The roster as printed: one sheet per post, in Chinese whatever the screen's language (it is posted at the
 * post), names and roles only. Hidden on screen; on paper everything else is hidden and each post starts a page.
 */
import type { RosterCell } from '../../../domain/checkpoints/api';
import type { Post } from '../../../domain/checkpoints/api';

const ROLE_ZH: Record<string, string> = { party_member: '党员', police: '民警', medical: '医务人员', volunteer: '志愿者' };
const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];

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
  return (
    <div className="roster-print" data-testid="roster-print">
      <style>{CSS}</style>
      {posts.map((p) => (
        <section key={p.id}>
          <h2>
            {p.name} 排班表（{days[0]} 至 {days[days.length - 1]}）
          </h2>
          <p>
            {p.areaName}
            {p.place ? `　${p.place}` : ''}
          </p>
          <table>
            <thead>
              <tr>
                <th>日期</th>
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
                  <td>
                    {d}（{WEEKDAY_ZH[new Date(`${d}T00:00:00Z`).getUTCDay()]}）
                  </td>
                  {p.shifts.map((s) => {
                    const c = byKey.get(`${p.id}|${d}|${s.code}`);
                    if (!c) return <td key={s.code}>—</td>;
                    return (
                      <td key={s.code}>
                        {c.people.map((x) => `${x.name}（${ROLE_ZH[x.role]}）`).join('、')}
                        {c.short.length > 0 && <span className="short"> 【缺{c.short.map((r) => ROLE_ZH[r]).join('、')}】</span>}
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
