/**
 * Possible duplicates (same name + birth date, or same name + phone), side by side: keep one and
 * merge the other into it (both histories survive), or dismiss the pair as two different people.
 */
import { Alert, App, Button, Card, Col, Descriptions, Empty, Radio, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type DuplicatePair, type Resident, dismissDuplicates, listDuplicates, mergeDuplicates } from '../../../domain/residents/api';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { BackLink } from './BackLink';
import { GroupTags, Masked, StatusTag } from './tags';

function Side({ r, keep, onKeep }: { r: Resident; keep: boolean; onKeep: () => void }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Card
      size="small"
      style={{ height: '100%', borderColor: keep ? '#1677ff' : undefined }}
      title={
        <Space wrap size={6}>
          <Link to={`/residents/${r.id}`}>{r.name}</Link>
          <StatusTag status={r.status} />
        </Space>
      }
      extra={
        <Radio checked={keep} onChange={onKeep}>
          {t('residents.duplicates.keep')}
        </Radio>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('residents.field.idNumber')}>
          <Masked value={r.idNumber} />
        </Descriptions.Item>
        <Descriptions.Item label={t('residents.field.sex')}>{r.sex ? t(`residents.sex.${r.sex}`) : none}</Descriptions.Item>
        <Descriptions.Item label={t(r.birthDate ? 'residents.field.birthDate' : 'residents.field.age')}>{r.birthDate ?? r.age ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('residents.field.phone')}>
          <Masked value={r.phone} />
        </Descriptions.Item>
        <Descriptions.Item label={t('residents.field.household')}>{r.householdAddress ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('residents.field.area')}>{r.areaName}</Descriptions.Item>
        <Descriptions.Item label={t('residents.field.groups')}>
          <GroupTags groups={r.groups} />
        </Descriptions.Item>
        <Descriptions.Item label={t('residents.duplicates.createdAt')}>{r.createdAt.slice(0, 10)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Pair({ group }: { group: DuplicatePair }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [a, b] = group.residents;
  const [keepId, setKeepId] = useState(a.id);
  // Either answer changes the list of pairs, which is refetched; this pair then leaves it.
  const mergePair = useApiMutation(mergeDuplicates);
  const dismissPair = useApiMutation(dismissDuplicates);
  const busy = mergePair.isPending || dismissPair.isPending;
  const kept = keepId === a.id ? a : b;
  const gone = keepId === a.id ? b : a;

  const act = async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      message.success(done);
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  const merge = () =>
    modal.confirm({
      title: t('residents.duplicates.mergeConfirm', { keep: kept.name, id: kept.id, gone: gone.id }),
      content: t('residents.duplicates.mergeText'),
      okText: t('residents.duplicates.merge'),
      cancelText: t('common.cancel'),
      onOk: () => act(() => mergePair.mutateAsync({ body: { keepId: kept.id, mergeId: gone.id } }), t('residents.duplicates.merged')),
    });

  return (
    <Card
      size="small"
      data-testid="duplicate-pair"
      title={<Tag color="orange">{t(`residents.duplicates.reason.${group.reason}`, { defaultValue: group.reason })}</Tag>}
      extra={
        <Space wrap size={4}>
          <Button size="small" type="primary" loading={busy} onClick={merge}>
            {t('residents.duplicates.merge')}
          </Button>
          <Button
            size="small"
            disabled={busy}
            onClick={() => void act(() => dismissPair.mutateAsync({ body: { ids: [a.id, b.id] } }), t('residents.duplicates.dismissed'))}
          >
            {t('residents.duplicates.dismiss')}
          </Button>
        </Space>
      }
    >
      <Row gutter={[12, 12]}>
        {[a, b].map((r) => (
          <Col key={r.id} xs={24} md={12}>
            <Side r={r} keep={keepId === r.id} onKeep={() => setKeepId(r.id)} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export default function DuplicatesPage() {
  const { t } = useTranslation();
  const pairs = useApiQuery(listDuplicates);
  const data = pairs.data;
  const error = pairs.error ? errorText(pairs.error, t) : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackLink />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('residents.duplicates.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('residents.duplicates.hint')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      {!data && !error && <Spin style={{ display: 'block', margin: '64px auto' }} />}
      {data && data.items.length === 0 && (
        <Card>
          <Empty description={t('residents.duplicates.empty')} data-testid="duplicates-empty" />
        </Card>
      )}
      {data?.items
        .filter((g) => g.residents.length >= 2)
        .map((g) => (
          <Pair key={g.key} group={g} />
        ))}
    </Space>
  );
}
