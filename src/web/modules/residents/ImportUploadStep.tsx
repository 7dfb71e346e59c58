/** Import step 1: the default area for rows without an area column, the template, and the file. */
import { Alert, Button, Form, Space, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type UploadedImport, importTemplate, uploadImport } from '../../../domain/residents/api';
import { api } from '../../app/api';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { errorText } from '../../app/errors';
import { FileDrop } from '../../app/components/FileDrop';

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
      // A file is sent as multipart, outside the JSON calls of the contracts; its answer is the contract's.
      onUploaded(await api.upload<UploadedImport>(uploadImport.path, form));
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>
        {t('residents.import.uploadHint')}{' '}
        <Typography.Link href={importTemplate.path} data-testid="import-template">
          <DownloadOutlined /> {t('residents.import.template')}
        </Typography.Link>
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('residents.import.defaultArea')} extra={t('residents.import.defaultAreaHint')}>
          <AreaTreeSelect value={areaId} onChange={(id) => setAreaId(id)} allowClear style={{ width: '100%', maxWidth: 420 }} />
        </Form.Item>
      </Form>
      <FileDrop
        file={file}
        onChange={(f) => {
          setError(null);
          setFile(f);
        }}
        accept={ACCEPT}
        text={t('residents.import.drop')}
        hint={t('residents.import.formats')}
        testId="import-file"
      />
      {error && <Alert type="error" showIcon title={error} />}
      <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={busy} onClick={() => void upload()} data-testid="import-upload">
        {t('residents.import.upload')}
      </Button>
    </Space>
  );
}
