/** The public lookup by tracking code: the status and what the office said, nothing personal. */
import { Alert, Button, Card, Descriptions, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { helpTrack } from '../../../domain/help/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { PublicShell } from './PublicShell';

const COLOURS: Record<string, string> = { received: 'blue', handling: 'gold', on_the_way: 'orange', done: 'green', impossible: 'red' };

export default function HelpTrackPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code);
  const valid = /^[A-HJ-NP-Z2-9]{8}$/.test(code);
  const q = useApiQuery(helpTrack, { params: { code } }, { enabled: valid });
  return (
    <PublicShell>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input value={typed} onChange={(e) => setTyped(e.target.value.trim().toUpperCase())} placeholder={t('help.track.placeholder')} maxLength={8} />
          <Button type="primary" onClick={() => navigate(`/ask/track/${typed}`)}>
            {t('help.track.look')}
          </Button>
        </Space.Compact>
        {q.error && <Alert type="warning" showIcon title={errorText(q.error, t)} />}
        {q.data && (
          <Card size="small" data-testid="help-track">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('help.field.code')}>{q.data.code}</Descriptions.Item>
              <Descriptions.Item label={t('help.field.status')}>
                <Tag color={COLOURS[q.data.status]} data-testid="help-track-status">
                  {t(`help.publicStatus.${q.data.status}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('help.field.createdAt')}>{new Date(q.data.createdAt).toLocaleString()}</Descriptions.Item>
              {q.data.note && <Descriptions.Item label={t('help.field.note')}>{q.data.note}</Descriptions.Item>}
            </Descriptions>
          </Card>
        )}
      </Space>
    </PublicShell>
  );
}
