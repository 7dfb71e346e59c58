/** "Try it": describe a situation and a day, see the decision of a set (the one in force unless picked) and the rule that made it. */
import { Alert, Button, Card, DatePicker, Form } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import { DecisionView } from './DecisionView';
import { SituationFields, type SituationValues, toSituation } from './situation';
import type { Decision } from './types';

export function TryItPanel({ setId, onDecision }: { setId?: number; onDecision?: (d: Decision | null) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SituationValues & { on?: Dayjs | null }>();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    const v = form.getFieldsValue();
    setBusy(true);
    setError(null);
    try {
      const d = await api.post<Decision>('/api/policy/evaluate', { situation: toSituation(v), on: v.on ? v.on.format('YYYY-MM-DD') : undefined, setId });
      setDecision(d);
      onDecision?.(d);
    } catch (e) {
      setDecision(null);
      onDecision?.(null);
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('monitoring.policy.tryIt')} data-testid="try-it">
      <Form form={form} layout="vertical" onFinish={() => void run()}>
        <SituationFields />
        <Form.Item name="on" label={t('monitoring.policy.on')} extra={t('monitoring.policy.onHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<ExperimentOutlined />} loading={busy} block data-testid="try-it-run">
          {t('monitoring.policy.decide')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {decision && (
        <div style={{ marginTop: 12 }}>
          <DecisionView decision={decision} />
        </div>
      )}
    </Card>
  );
}
