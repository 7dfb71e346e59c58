/**
 * The daily report on a phone: one card per area — the village's own figures, or each child area's with the totals
 * last — every figure on its own line under its group, as the paper form groups them. Nothing to scroll sideways.
 */
import { Card, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Report } from '../../../domain/reports/api';
import { FIGURE_COLUMNS, MAIN_FIGURES } from '../../../domain/reports/figures';

type Row = Report['rows'][number];
type Lang = 'zh' | 'en';

function FigureLines({ figures, lang }: { figures: Row['figures']; lang: Lang }) {
  const groups: { title: string; lines: { key: string; name: string }[] }[] = [];
  for (const c of FIGURE_COLUMNS.filter((x) => MAIN_FIGURES.includes(x.key))) {
    let g = groups.find((x) => x.title === c.group[lang]);
    if (!g) {
      g = { title: c.group[lang], lines: [] };
      groups.push(g);
    }
    g.lines.push({ key: c.key, name: c.name[lang] });
  }
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {groups.map((g) => (
        <div key={g.title}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {g.title}
          </Typography.Text>
          {g.lines.map((l) => (
            <div key={l.key} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 16, lineHeight: '28px' }}>
              <span>{l.name}</span>
              <Typography.Text strong data-testid={`report-figure-${l.key}`}>
                {figures[l.key]}
              </Typography.Text>
            </div>
          ))}
        </div>
      ))}
    </Space>
  );
}

export function ReportCards({
  rows,
  lang,
  state,
  total,
}: {
  rows: Row[];
  lang: Lang;
  state: (r: Row) => ReactNode;
  total?: { title: string; figures: Row['figures'] };
}) {
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="report-cards">
      {rows.map((r) => (
        <Card key={r.areaId} size="small" data-testid="report-card" styles={{ body: { padding: 12 } }}>
          <Space wrap size={8} style={{ marginBottom: 8 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {r.areaName}
            </Typography.Text>
            {state(r)}
          </Space>
          <FigureLines figures={r.figures} lang={lang} />
        </Card>
      ))}
      {total && (
        <Card size="small" data-testid="report-card-total" styles={{ body: { padding: 12 } }}>
          <Typography.Text strong style={{ fontSize: 16, display: 'block', marginBottom: 8 }}>
            {total.title}
          </Typography.Text>
          <FigureLines figures={total.figures} lang={lang} />
        </Card>
      )}
    </Space>
  );
}
