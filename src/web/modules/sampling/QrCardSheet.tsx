/**
 * The cards laid out for printing: bank-card size, ten to an A4 sheet with dashed cut lines, nothing of the
 * app around them on paper. On screen the same cards wrap to the window, so a phone shows them too. The card
 * face is always Chinese — it is read by the residents and the sampling staff, whatever language the
 * cadre printing it uses.
 */
import { useTranslation } from 'react-i18next';
import { CARD, type QrCard, SHEET, cardGrid, chunk, nameSizeMm } from './QrCardsModel';
import { QrCode } from './QrCode';

const GRID = cardGrid();
const mm = (n: number) => `${n}mm`;

// The app's side menu and header are not printed, nor anything marked qr-no-print (the page's own controls).
const PRINT_CSS = `
@media screen {
  .qr-page { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 8px; }
}
@media print {
  @page { size: A4 portrait; margin: ${mm(SHEET.margin)}; }
  html, body, #root, .ant-layout { background: #fff !important; min-height: 0 !important; }
  .ant-layout-sider, .ant-layout-header, .ant-drawer, .qr-no-print { display: none !important; }
  .ant-layout-content { padding: 0 !important; }
  .qr-page {
    display: grid; grid-template-columns: repeat(${GRID.cols}, ${mm(CARD.width)}); grid-auto-rows: ${mm(CARD.height)};
    gap: ${mm(SHEET.gap)}; justify-content: center; align-content: start; break-after: page;
  }
  .qr-page:last-child { break-after: auto; }
  .qr-card { break-inside: avoid; box-shadow: none !important; }
}
.qr-card { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
`;

const cardStyle = {
  width: mm(CARD.width),
  height: mm(CARD.height),
  boxSizing: 'border-box' as const,
  border: '0.3mm dashed #8c8c8c',
  background: '#fff',
  color: '#000',
  display: 'grid',
  gridTemplateColumns: '36mm 1fr',
  gridTemplateRows: '1fr 7mm',
  overflow: 'hidden',
  boxShadow: '0 1px 4px rgba(0,0,0,.12)',
  fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
};

function Card({ card }: { card: QrCard }) {
  // The card face in Chinese, whatever the interface language.
  const { t } = useTranslation(undefined, { lng: 'zh-CN' });
  const household = card.kind === 'household';
  return (
    <div className="qr-card" style={cardStyle} data-testid="qr-card" data-kind={card.kind}>
      <div style={{ padding: '2.5mm 0 0 2.5mm', display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
        <QrCode text={card.code} sizeMm={32} label={card.code} />
        <span style={{ fontFamily: 'monospace', fontSize: '2.4mm', color: '#595959', marginTop: '0.5mm' }}>{card.code}</span>
      </div>
      <div style={{ padding: '3mm 3mm 1mm 2mm', minWidth: 0, display: 'flex', flexDirection: 'column', gap: '1.2mm' }}>
        {household ? (
          <>
            <span style={{ fontSize: '3.2mm', fontWeight: 600, color: '#0958d9' }}>{t('samplingQr.card.householdLabel')}</span>
            <span style={{ fontSize: '4.6mm', fontWeight: 700, lineHeight: 1.2, overflowWrap: 'anywhere' }} data-testid="qr-card-title">
              {card.title}
            </span>
            <span style={{ fontSize: '3mm', lineHeight: 1.3, overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical' }}>
              {t('samplingQr.card.members', { count: card.members?.length ?? 0, names: (card.members ?? []).join(t('samplingQr.card.nameSeparator')) })}
            </span>
          </>
        ) : (
          <>
            <span style={{ fontSize: mm(nameSizeMm(card.title)), fontWeight: 700, lineHeight: 1.15, overflowWrap: 'anywhere' }} data-testid="qr-card-title">
              {card.title}
            </span>
            <span style={{ fontFamily: 'monospace', fontSize: '3.2mm', letterSpacing: '0.2mm' }}>{card.idNumber ?? t('samplingQr.card.noId')}</span>
            <span style={{ fontSize: '3mm', lineHeight: 1.3, overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical' }}>
              {card.address}
            </span>
          </>
        )}
      </div>
      <div
        style={{
          gridColumn: '1 / span 2',
          background: '#0958d9',
          color: '#fff',
          fontSize: '3.4mm',
          fontWeight: 600,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          letterSpacing: '0.3mm',
        }}
      >
        {household ? t('samplingQr.card.householdFooter') : t('samplingQr.card.footer')}
      </div>
    </div>
  );
}

export function QrCardSheet({ cards }: { cards: QrCard[] }) {
  return (
    <div data-testid="qr-sheet">
      <style>{PRINT_CSS}</style>
      {chunk(cards, GRID.perPage).map((page, i) => (
        <div className="qr-page" key={i}>
          {page.map((c) => (
            <Card key={c.key} card={c} />
          ))}
        </div>
      ))}
    </div>
  );
}
