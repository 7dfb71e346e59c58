/**
 * A post's details: kind, place, directions and lanes, hours, shifts and the staff each needs, open and close
 * dates. Those who manage posts edit them here (the shift template as one of the built-in ones; custom shifts
 * stay as they are).
 */
import { Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Post, setShifts, updatePost } from '../../../domain/checkpoints/api';
import { DIRECTIONS, POST_KINDS, STAFF_ROLES } from '../../../domain/checkpoints/kinds';
import { TIME_OF_DAY } from '../../../domain/checkpoints/shifts';
import { errorText } from '../../app/errors';
import { callApi, useApiMutation } from '../../app/query';

export function PostDetails({ post, canEdit }: { post: Post; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const staff = STAFF_ROLES.filter((r) => post.staffing[r] > 0);
  return (
    <Card
      size="small"
      title={t('checkpoints.post.details')}
      data-testid="post-details"
      extra={
        canEdit && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="post-edit">
            {t('checkpoints.post.edit')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={1} styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('checkpoints.posts.kind')}>
          <Space size={4} wrap>
            {t(`checkpoints.kind.${post.kind}`)}
            <Tag color={post.open ? 'green' : 'default'}>{t(post.open ? 'checkpoints.posts.open' : 'checkpoints.posts.closed')}</Tag>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('checkpoints.posts.area')}>{post.areaName}</Descriptions.Item>
        <Descriptions.Item label={t('checkpoints.posts.place')}>
          <span style={{ overflowWrap: 'anywhere' }}>{post.place || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('checkpoints.post.directions')}>
          {post.directions.map((d) => t(`checkpoints.direction.${d}`)).join('、')} · {t('checkpoints.post.lanes')} {post.lanes}
        </Descriptions.Item>
        <Descriptions.Item label={t('checkpoints.posts.hours')}>
          {post.opensAt ? `${post.opensAt}–${post.closesAt}` : t('checkpoints.posts.allDay')}
        </Descriptions.Item>
        <Descriptions.Item label={t('checkpoints.post.shifts')}>
          <Space size={4} wrap>
            {post.shifts.map((s) => (
              <Tag key={s.code}>
                {s.name} {s.start}–{s.end}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('checkpoints.post.staffing')}>
          {staff.length ? staff.map((r) => `${t(`checkpoints.role.${r}`)} ${post.staffing[r]}`).join('、') : t('checkpoints.post.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('checkpoints.posts.opensOn')}>
          {post.opensOn} → {post.closesOn ?? t('checkpoints.post.noCloseDate')}
        </Descriptions.Item>
      </Descriptions>
      {editing && <PostEditModal post={post} onClose={() => setEditing(false)} />}
    </Card>
  );
}

interface EditValues {
  name: string;
  kind: Post['kind'];
  place?: string;
  directions: ('in' | 'out')[];
  lanes: number;
  opensAt?: string;
  closesAt?: string;
  shiftKind: Post['shiftKind'];
  opensOn: Dayjs;
  closesOn?: Dayjs | null;
  [role: string]: unknown;
}

function PostEditModal({ post, onClose }: { post: Post; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  // The template first (a post made around the clock needs shifts covering 24 hours), then the details.
  const save = useApiMutation(updatePost, { onSuccess: onClose });
  const [shiftError, setShiftError] = useState<unknown>(null);
  const timeRule = { pattern: TIME_OF_DAY, message: t('checkpoints.post.timeFormat') };
  const submit = async () => {
    const v = await form.validateFields();
    setShiftError(null);
    if (v.shiftKind !== post.shiftKind && v.shiftKind !== 'custom') {
      try {
        await callApi(setShifts, { params: { id: post.id }, body: { shiftKind: v.shiftKind } });
      } catch (e) {
        setShiftError(e);
        return;
      }
    }
    save.mutate({
      params: { id: post.id },
      body: {
        name: v.name,
        kind: v.kind,
        place: v.place ?? '',
        directions: v.directions,
        lanes: v.lanes,
        opensAt: v.opensAt || null,
        closesAt: v.closesAt || null,
        staffing: Object.fromEntries(STAFF_ROLES.map((r) => [r, Number(v[r] ?? 0)])),
        opensOn: v.opensOn.format('YYYY-MM-DD'),
        closesOn: v.closesOn ? v.closesOn.format('YYYY-MM-DD') : null,
      },
    });
  };
  const error = shiftError ?? save.error;
  return (
    <Modal
      open
      title={t('checkpoints.post.editTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'post-edit-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: post.name,
          kind: post.kind,
          place: post.place ?? '',
          directions: post.directions,
          lanes: post.lanes,
          opensAt: post.opensAt ?? '',
          closesAt: post.closesAt ?? '',
          shiftKind: post.shiftKind,
          opensOn: dayjs(post.opensOn),
          closesOn: post.closesOn ? dayjs(post.closesOn) : null,
          ...post.staffing,
        }}
      >
        <Form.Item name="name" label={t('checkpoints.posts.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="post-edit-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('checkpoints.posts.kind')}>
          <Select options={POST_KINDS.map((k) => ({ value: k, label: t(`checkpoints.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="place" label={t('checkpoints.posts.place')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="directions" label={t('checkpoints.post.directions')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={DIRECTIONS.map((d) => ({ value: d, label: t(`checkpoints.direction.${d}`) }))} />
          </Form.Item>
          <Form.Item name="lanes" label={t('checkpoints.post.lanes')} rules={[{ required: true }]}>
            <InputNumber min={1} max={50} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="opensAt" label={t('checkpoints.post.opensAt')} rules={[timeRule]}>
            <Input placeholder="08:00" style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="closesAt" label={t('checkpoints.post.closesAt')} rules={[timeRule]}>
            <Input placeholder="20:00" style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          {t('checkpoints.post.hoursHint')}
        </Typography.Paragraph>
        <Form.Item
          name="shiftKind"
          label={t('checkpoints.post.shiftKind')}
          extra={post.shiftKind === 'custom' ? t('checkpoints.post.customShifts') : undefined}
        >
          <Select
            options={(['three_8', 'two_12', 'custom'] as const).map((k) => ({
              value: k,
              label: t(`checkpoints.shiftKind.${k}`),
              disabled: k === 'custom' && post.shiftKind !== 'custom',
            }))}
          />
        </Form.Item>
        <Typography.Text strong>{t('checkpoints.post.staffing')}</Typography.Text>
        <Space wrap style={{ marginTop: 8 }}>
          {STAFF_ROLES.map((r) => (
            <Form.Item key={r} name={r} label={t(`checkpoints.role.${r}`)}>
              <InputNumber min={0} max={50} style={{ width: 90 }} />
            </Form.Item>
          ))}
        </Space>
        <Space wrap>
          <Form.Item name="opensOn" label={t('checkpoints.posts.opensOn')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="closesOn" label={t('checkpoints.post.closesOn')}>
            <DatePicker />
          </Form.Item>
        </Space>
        {error ? <Typography.Text type="danger">{errorText(error, t)}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}
