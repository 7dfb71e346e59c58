/** "Try it": describe a situation and a day, see the decision of a set (the one in force unless picked) and the rule that made it. */
import { Alert, Button, Card, DatePicker, Form } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluate } from '../../../domain/policy/api';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { DecisionView } from './DecisionView';
import { SituationFields, type SituationValues, toSituation } from './situation';
import type { Decision } from './types';

export function TryItPanel({ setId, onDecision }: { setId?: number; onDecision?: (d: Decision | null) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SituationValues & { on?: Dayjs | null }>();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Trying a situation changes nothing: no query is refetched after it.
  const decide = useApiMutation(evaluate, { invalidates: false });

  const run = async () => {
    const v = form.getFieldsValue();
    setError(null);
    try {
      const d = await decide.mutateAsync({ body: { situation: toSituation(v), on: v.on ? v.on.format('YYYY-MM-DD') : undefined, setId } });
      setDecision(d);
      onDecision?.(d);
    } catch (e) {
      setDecision(null);
      onDecision?.(null);
      setError(errorText(e, t));
    }
  };

  return (
    <Card size="small" title={t('monitoring.policy.tryIt')} data-testid="try-it">
      <Form form={form} layout="vertical" onFinish={() => void run()}>
        <SituationFields />
        <Form.Item name="on" label={t('monitoring.policy.on')} extra={t('monitoring.policy.onHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<ExperimentOutlined />} loading={decide.isPending} block data-testid="try-it-run">
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
