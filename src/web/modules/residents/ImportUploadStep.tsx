/** Import step 1: the default area for rows without an area column, the template, and the file. */
import { Alert, Button, Form, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { errorText } from '../../app/errors';
import type { UploadedImport } from './import-mapping';

const ACCEPT = '.xlsx,.csv';

export function ImportUploadStep({ defaultAreaId, onUploaded }: { defaultAreaId?: number; onUploaded: (u: UploadedImport) => void }) {
  const { t } = useTranslation();
  const [areaId, setAreaId] = useState<number | null>(defaultAreaId ?? null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async () => {
    if (!file) return;
    const form = new FormData();
    // Fields before the file: a streaming multipart reader sees them first.
    if (areaId) form.append('areaId', String(areaId));
    form.append('file', file, file.name);
    setBusy(true);
    setError(null);
    try {
      onUploaded(await api.upload<UploadedImport>('/api/residents/imports', form));
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>
        {t('residents.import.uploadHint')}{' '}
        <Typography.Link href="/api/residents/template.xlsx" data-testid="import-template">
          <DownloadOutlined /> {t('residents.import.template')}
        </Typography.Link>
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('residents.import.defaultArea')} extra={t('residents.import.defaultAreaHint')}>
          <AreaTreeSelect value={areaId} onChange={(id) => setAreaId(id)} allowClear style={{ width: '100%', maxWidth: 420 }} />
        </Form.Item>
      </Form>
      <Upload.Dragger
        accept={ACCEPT}
        multiple={false}
        maxCount={1}
        fileList={file ? [{ uid: '1', name: file.name, size: file.size, status: 'done' }] : []}
        beforeUpload={(f) => {
          // Kept here and sent with the button; the server checks size and format (its limit is a setting).
          setError(null);
          setFile(f);
          return false;
        }}
        onRemove={() => setFile(null)}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('residents.import.drop')}</p>
        <p className="ant-upload-hint">{t('residents.import.formats')}</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={error} />}
      <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={busy} onClick={() => void upload()} data-testid="import-upload">
        {t('residents.import.upload')}
      </Button>
    </Space>
  );
}
