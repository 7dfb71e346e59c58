/**
 * The plans (防控方案, 应急预案) and the staff list: each plan a PDF, a .docx or a photo of the paper; the staff list a
 * spreadsheet replacing the last one whole. Uploads are multipart, sent as is; the page is refetched after.
 */
import { Alert, Button, Card, List, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { type getEnterprise, importStaff, listStaff, uploadDocument } from '../../../domain/enterprises/api';
import { DOCUMENT_KINDS } from '../../../domain/enterprises/policy';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { urlOf, useApiQuery } from '../../app/query';
import { when } from './labels';

type Enterprise = ResponseOf<typeof getEnterprise>;

export function FilesCard({ enterprise: e }: { enterprise: Enterprise }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const staff = useApiQuery(listStaff, { params: { id: e.id }, query: { limit: 20, offset: 0 } });

  const send = async (key: string, url: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(key);
    setProblem(null);
    setNote(null);
    try {
      const r = await api.upload<{ imported?: number; suspended?: boolean }>(url, form);
      if (r.imported !== undefined) setNote(t(r.suspended ? 'enterprises.staffImportedSuspended' : 'enterprises.staffImported', { count: r.imported }));
      await client.invalidateQueries();
    } catch (err) {
      setProblem(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };
  const picker = (key: string, url: string, accept: string, label: string) => (
    <Upload
      accept={accept}
      showUploadList={false}
      beforeUpload={(file) => {
        void send(key, url, file);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy === key} data-testid={`upload-${key}`}>
        {label}
      </Button>
    </Upload>
  );
  const manage = can('enterprises.manage');
  return (
    <Card size="small" title={t('enterprises.files')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {problem && <Alert type="error" showIcon title={problem} data-testid="files-error" />}
        {note && <Alert type="success" showIcon title={note} />}
        {DOCUMENT_KINDS.map((kind) => {
          const latest = e.documents.find((d) => d.kind === kind);
          return (
            <Space key={kind} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{t(`enterprises.document.${kind}`)}</Typography.Text>
                {latest ? (
                  <a href={`/api/enterprises/documents/${latest.id}`} data-testid={`document-${kind}`}>
                    {latest.fileName} · {when(latest.uploadedAt)}
                  </a>
                ) : (
                  <Typography.Text type="secondary">{t('enterprises.document.none')}</Typography.Text>
                )}
              </Space>
              {manage &&
                picker(
                  kind,
                  urlOf(uploadDocument, { params: { id: e.id }, query: { kind } }),
                  '.pdf,.docx,image/jpeg,image/png',
                  t('enterprises.document.upload'),
                )}
            </Space>
          );
        })}
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{t('enterprises.staffList')}</Typography.Text>
            <Typography.Text type="secondary">{t('enterprises.staffHint')}</Typography.Text>
          </Space>
          {manage && picker('staff', urlOf(importStaff, { params: { id: e.id } }), '.xlsx,.csv', t('enterprises.staffImport'))}
        </Space>
        <List
          size="small"
          data-testid="staff-list"
          dataSource={staff.data?.items ?? []}
          locale={{ emptyText: t('enterprises.noStaff') }}
          renderItem={(s) => (
            <List.Item>
              {s.name} · {s.idNumber}
              {s.post ? ` · ${s.post}` : ''}
            </List.Item>
          )}
          footer={staff.data && staff.data.total > 20 ? t('common.total', { count: staff.data.total }) : undefined}
        />
      </Space>
    </Card>
  );
}
