/**
 * The post's check-in QR code (what `GET …/posts/:id/qr` carries), drawn as one SVG path — crisp on paper at
 * any size — with the post's name under it. "Print" prints this card alone: everything else on the page is
 * hidden on paper, so it can be taped up at the post.
 */
import { Button, Card, Skeleton, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Post, postQr } from '../../../domain/checkpoints/api';
import { useApiQuery } from '../../app/query';

const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .post-qr-print, .post-qr-print * { visibility: visible !important; }
  .post-qr-print { position: absolute; left: 0; top: 0; width: 100%; text-align: center; }
  .post-qr-print .qr-no-print { display: none !important; }
}`;

/** A dark module is a 1 × 1 square of the path, with a 4-module quiet zone around the symbol. */
function qrSvgPath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  let d = '';
  for (let r = 0; r < modules.size; r++) for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) d += `M${c} ${r}h1v1h-1z`;
  return { size: modules.size, d };
}

export function PostQrCard({ post }: { post: Post }) {
  const { t } = useTranslation();
  const qr = useApiQuery(postQr, { params: { id: post.id } });
  const text = qr.data?.text;
  const svg = useMemo(() => (text ? qrSvgPath(text) : null), [text]);
  return (
    <Card
      size="small"
      title={t('checkpoints.post.qr')}
      className="post-qr-print"
      data-testid="post-qr"
      extra={
        <Button size="small" icon={<PrinterOutlined />} disabled={!svg} onClick={() => window.print()} className="qr-no-print" data-testid="post-qr-print">
          {t('checkpoints.post.print')}
        </Button>
      }
    >
      <style>{PRINT_CSS}</style>
      {!svg ? (
        <Skeleton.Node active style={{ width: 180, height: 180 }} />
      ) : (
        <div style={{ textAlign: 'center' }}>
          <svg
            viewBox={`-4 -4 ${svg.size + 8} ${svg.size + 8}`}
            style={{ width: 'min(60vw, 220px)', height: 'auto', display: 'block', margin: '0 auto' }}
            role="img"
            aria-label={t('checkpoints.post.qr')}
            shapeRendering="crispEdges"
            data-testid="post-qr-code"
            data-code={text}
          >
            <rect x={-4} y={-4} width={svg.size + 8} height={svg.size + 8} fill="#fff" />
            <path d={svg.d} fill="#000" />
          </svg>
          <Typography.Title level={5} style={{ margin: '4px 0 0', overflowWrap: 'anywhere' }}>
            {post.name}
          </Typography.Title>
          <Typography.Text type="secondary" className="qr-no-print">
            {t('checkpoints.post.qrHint')}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}
