/** Model posts and responsibility areas under an area: who holds each, where; add one, close one, delete one made by mistake. */
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Popconfirm, Select, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { POST_KINDS } from '../../../domain/volunteers/schemas';
import { createPost, deletePost, listPosts, type Post, type PostKind, updatePost } from '../../../domain/volunteers/api';
import { VolunteerSelect } from './VolunteerSelect';
import { fieldRule } from '../../app/form-rules';

function PostFormModal({ areaId, onClose, onSaved }: { areaId?: number; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: PostKind; name: string; place?: string; areaId: number; holderId?: number }>();
  const create = useApiMutation(createPost);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await create.mutateAsync({
        body: {
          kind: v.kind,
          name: v.name.trim(),
          place: v.place?.trim() || null,
          areaId: v.areaId,
          ...(v.holderId ? { holderId: v.holderId } : {}),
        },
      });
      onSaved();
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
      setBusy(false);
    }
  };
  const required = { required: true, message: t('validation.required') };
  return (
    <Modal
      open
      title={t('volunteers.post.create')}
      onOk={() => void submit().catch(() => {})}
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" autoComplete="off" initialValues={{ kind: 'model_post', areaId }}>
        <Form.Item name="kind" label={t('volunteers.team.kind')} rules={[required]}>
          <Select options={POST_KINDS.map((k) => ({ value: k, label: t(`volunteers.postKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('volunteers.team.name')} rules={[{ ...required, whitespace: true }, fieldRule(createPost.body.shape.name, t)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="place" label={t('volunteers.org.place')} rules={[fieldRule(createPost.body.shape.place, t)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="areaId" label={t('volunteers.org.area')} rules={[required]}>
          <AreaTreeSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="holderId" label={t('volunteers.post.holder')}>
          <VolunteerSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PostsCard({ under, canWrite }: { under?: number; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const posts = useApiQuery(listPosts, { query: { under } });
  const update = useApiMutation(updatePost, { invalidates: [listPosts] });
  const del = useApiMutation(deletePost, { invalidates: [listPosts] });
  const items = (posts.data?.items ?? []).filter((p) => !p.closedAt);
  const error = posts.error ? errorText(posts.error, t) : null;
  const [adding, setAdding] = useState(false);

  const close = async (p: Post) => {
    try {
      await update.mutateAsync({ params: { id: p.id }, body: { closed: true } });
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  const remove = async (p: Post) => {
    try {
      await del.mutateAsync({ params: { id: p.id } });
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <Card
      size="small"
      title={t('volunteers.post.title')}
      data-testid="posts-card"
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('volunteers.post.create')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {posts.isPending ? (
        <Spin style={{ display: 'block', margin: '16px auto' }} />
      ) : items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(p) => (
            <List.Item
              actions={
                canWrite
                  ? [
                      <Popconfirm key="close" title={t('volunteers.post.closeConfirm', { name: p.name })} onConfirm={() => void close(p)}>
                        <Button size="small" type="link" danger>
                          {t('volunteers.post.close')}
                        </Button>
                      </Popconfirm>,
                      <Popconfirm key="delete" title={t('volunteers.post.deleteConfirm', { name: p.name })} onConfirm={() => void remove(p)}>
                        <Button size="small" type="link" danger data-testid="post-delete">
                          {t('volunteers.post.delete')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : undefined
              }
            >
              <Space wrap size={6}>
                <Tag color={p.kind === 'responsibility_area' ? 'blue' : 'red'}>{t(`volunteers.postKind.${p.kind}`)}</Tag>
                <Typography.Text strong>{p.name}</Typography.Text>
                <Typography.Text type="secondary">{[p.place, p.areaName].filter(Boolean).join(' · ')}</Typography.Text>
                {p.holderId ? (
                  <Link to={`/volunteers/${p.holderId}`}>{p.holderName}</Link>
                ) : (
                  <Typography.Text type="warning">{t('volunteers.post.noHolder')}</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.post.empty')} />
      )}
      {adding && <PostFormModal areaId={under} onClose={() => setAdding(false)} onSaved={() => setAdding(false)} />}
    </Card>
  );
}
