/**
 * Shelf labels (货架标签): one QR code per item the store holds — the store's code and the item — each drawn as one
 * SVG path, printed alone on the page.
 */
import { Button, Card, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { qrSvgPath, shelfCode } from './qr';

const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .shelf-labels, .shelf-labels * { visibility: visible !important; }
  .shelf-labels { position: absolute; left: 0; top: 0; width: 100%; }
  .shelf-labels .no-print { display: none !important; }
}`;

export function QrSvg({ text, label }: { text: string; label: string }) {
  const svg = useMemo(() => qrSvgPath(text), [text]);
  return (
    <div style={{ textAlign: 'center', width: 150, breakInside: 'avoid' }}>
      <svg
        viewBox={`-4 -4 ${svg.size + 8} ${svg.size + 8}`}
        style={{ width: 130, height: 130 }}
        role="img"
        aria-label={label}
        shapeRendering="crispEdges"
        data-code={text}
      >
        <rect x={-4} y={-4} width={svg.size + 8} height={svg.size + 8} fill="#fff" />
        <path d={svg.d} fill="#000" />
      </svg>
      <Typography.Text style={{ display: 'block', fontSize: 12 }}>{label}</Typography.Text>
    </div>
  );
}

export function ShelfLabels({ storeName, qrText, stock }: { storeName: string; qrText: string; stock: { itemId: number; itemName: string }[] }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('supplies.labels')}
      className="shelf-labels"
      extra={
        <Button size="small" icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print">
          {t('supplies.print')}
        </Button>
      }
    >
      <style>{PRINT_CSS}</style>
      <Space wrap size="middle">
        <QrSvg text={qrText} label={storeName} />
        {stock.map((l) => (
          <QrSvg key={l.itemId} text={shelfCode(qrText, l.itemId)} label={`${storeName} · ${l.itemName}`} />
        ))}
      </Space>
    </Card>
  );
}
