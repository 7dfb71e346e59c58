/**
 * An export of personal data: the button asks for the purpose first (audited and stamped inside the file with who,
 * when and the request id), then downloads the workbook. The server allows one export at a time per person.
 */
import { Alert, App, Button, type ButtonProps, Form, Input, Modal, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_PURPOSE_MIN } from '../../../domain/platform/exports';
import { download } from '../api';
import { errorText } from '../errors';

export interface ExportButtonProps {
  /** The export's URL with its filters (the contract's path and query). */
  url: string;
  fileName: string;
  children: ReactNode;
  /** Shown above the purpose, e.g. that the numbers will be revealed. */
  warning?: string;
  buttonProps?: ButtonProps;
  'data-testid'?: string;
}

export function ExportButton({ url, fileName, children, warning, buttonProps, ...rest }: ExportButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ purpose: string }>();
  const submit = async () => {
    const { purpose } = await form.validateFields();
    setBusy(true);
    try {
      await download(url, { purpose: purpose.trim() }, fileName);
      setOpen(false);
      form.resetFields();
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button {...buttonProps} onClick={() => setOpen(true)} data-testid={rest['data-testid']}>
        {children}
      </Button>
      <Modal
        open={open}
        title={t('exportPurpose.title')}
        okText={t('exportPurpose.download')}
        onOk={submit}
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">{t('exportPurpose.help')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="purpose"
            label={t('exportPurpose.purpose')}
            rules={[
              { required: true, whitespace: true, message: t('exportPurpose.required') },
              { min: EXPORT_PURPOSE_MIN, message: t('exportPurpose.tooShort', { min: EXPORT_PURPOSE_MIN }) },
              { max: 200 },
            ]}
          >
            <Input.TextArea rows={2} placeholder={t('exportPurpose.placeholder')} data-testid="export-purpose" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
