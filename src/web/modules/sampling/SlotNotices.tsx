/**
 * The staggered sampling notices, one per building (or grid group), ready to print and post at its door: always in Chinese (the
 * residents read it, whatever the language of the screen), one notice per A5 or A4 page. Only the notices are
 * printed: a copy of them sits directly under <body> (a portal, hidden on screen), and the print style hides
 * every other child of <body> — no stray piece of the application, no blank pages after the last notice.
 */
import { Alert, Button, Segmented, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { slotNotices } from '../../../domain/sampling/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import i18n from '../../app/i18n';
import type { NoticesAnswer } from './round-types';

type Paper = 'A5' | 'A4';

const printCss = (paper: Paper) => `
@media print {
  @page { size: ${paper}; margin: 12mm; }
  body > *:not(.wg-print-root) { display: none !important; }
  .wg-print-root { display: block !important; }
  .wg-notice { border: none !important; box-shadow: none !important; margin: 0 !important; break-after: page; page-break-after: always; }
  .wg-notice:last-child { break-after: auto; page-break-after: auto; }
}
.wg-print-root { display: none; }
.wg-notice { background: #fff; border: 1px solid #d9d9d9; border-radius: 8px; padding: 24px; margin-bottom: 16px; max-width: 560px; }
.wg-notice h2 { text-align: center; font-size: 22px; margin: 0 0 12px; }
.wg-notice .wg-when { font-size: 28px; font-weight: 700; text-align: center; margin: 16px 0; }
.wg-notice p, .wg-notice li { font-size: 15px; line-height: 1.7; }
`;

export function SlotNotices({ roundId, pointId, onBack }: { roundId: number; pointId: number; onBack: () => void }) {
  const { t } = useTranslation();
  const [paper, setPaper] = useState<Paper>('A5');
  const answer = useApiQuery(slotNotices, { params: { id: roundId, pointId } });
  const data = answer.data ?? null;
  const error = answer.error ? errorText(answer.error, t) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960, margin: '0 auto', display: 'flex' }}>
      <style>{printCss(paper)}</style>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          {t('samplingSlots.backToPlan')}
        </Button>
        <Segmented<Paper> value={paper} onChange={setPaper} options={['A5', 'A4']} aria-label={t('samplingSlots.paper')} />
        <Button type="primary" icon={<PrinterOutlined />} disabled={!data?.items.length} onClick={() => window.print()} data-testid="notices-print">
          {t('samplingSlots.printNow')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {!data && !error && <Spin style={{ display: 'block', margin: '64px auto' }} />}
      {data && !data.items.length && <Alert type="info" showIcon title={t('samplingSlots.noNotices')} />}
      {data && data.items.length > 0 && <Typography.Text type="secondary">{t('samplingSlots.noticesCount', { count: data.items.length })}</Typography.Text>}
      {data && <div data-testid="notices">{notices(data)}</div>}
      {data && createPortal(<div className="wg-print-root">{notices(data, false)}</div>, document.body)}
    </Space>
  );
}

/** The notices of a plan (with test ids on screen only: the printed copy is the same). */
function notices(data: NoticesAnswer, screen = true) {
  // The notice itself is Chinese whatever the screen's language.
  const zh = i18n.getFixedT('zh-CN');
  return data.items.map((n) => (
    <section key={n.areaId} className="wg-notice" data-testid={screen ? 'notice' : undefined}>
      <h2>{zh('samplingSlots.notice.title')}</h2>
      <p>{zh('samplingSlots.notice.to', { name: n.name })}</p>
      <p>{zh('samplingSlots.notice.intro', { round: data.round.name })}</p>
      <div className="wg-when">
        {data.date} {n.windows.map((w) => `${w.start}–${w.end}`).join('、')}
      </div>
      <p>
        {zh('samplingSlots.notice.place', { point: data.point.name })}
        {data.point.address ? zh('samplingSlots.notice.address', { address: data.point.address }) : ''}
      </p>
      <p>{zh('samplingSlots.notice.bring')}</p>
      <ol>
        {data.bring.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ol>
      <p>{zh('samplingSlots.notice.closing')}</p>
    </section>
  ));
}
