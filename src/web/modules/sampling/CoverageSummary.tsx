/** The total of the area shown, drawn big: the rate as a ring, and due / sampled / exempt / missing beside it. */
import { Col, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Figures, percent, rateTone } from './CoverageModel';

export const TONE_COLOUR = { none: '#d9d9d9', low: '#cf1322', mid: '#fa8c16', high: '#52c41a' } as const;

export function CoverageSummary({ total }: { total: Figures }) {
  const { t } = useTranslation();
  const pct = percent(total.rate);
  const colour = TONE_COLOUR[rateTone(total.rate)];
  const figures: { key: keyof Figures; colour?: string }[] = [
    { key: 'due' },
    { key: 'sampled', colour: '#389e0d' },
    { key: 'exempt', colour: 'rgba(0,0,0,.45)' },
    { key: 'missing', colour: total.missing ? '#cf1322' : undefined },
  ];
  return (
    <Row gutter={[16, 16]} align="middle" data-testid="coverage-total">
      <Col xs={24} sm={8} style={{ textAlign: 'center' }}>
        <Progress
          type="dashboard"
          percent={pct ?? 0}
          strokeColor={colour}
          size={148}
          format={() => (
            <span data-testid="coverage-rate" style={{ fontSize: 30, fontWeight: 600 }}>
              {pct === null ? '—' : `${pct}%`}
            </span>
          )}
        />
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {t('samplingCoverage.rate')}
        </Typography.Text>
      </Col>
      <Col xs={24} sm={16}>
        <Row gutter={[12, 12]}>
          {figures.map((f) => (
            <Col key={f.key} xs={12} md={6}>
              <Statistic
                title={t(`samplingCoverage.figure.${f.key}`)}
                value={total[f.key] ?? 0}
                styles={{ content: { fontSize: 28, fontWeight: 600, color: f.colour } }}
                data-testid={`coverage-${f.key}`}
              />
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('samplingCoverage.rosterLine', { roster: total.roster })}
        </Typography.Text>
      </Col>
    </Row>
  );
}
