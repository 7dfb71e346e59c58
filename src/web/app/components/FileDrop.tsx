/**
 * One spreadsheet picked for an upload (a lab's results, a resident list, a risk-area list): dropped or chosen,
 * kept in the page and sent by the page's own button. The server checks the size and reads the format from the
 * bytes, so nothing is checked here beyond the file types offered.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';

export function FileDrop(p: {
  file: File | null;
  /** A file was picked (null: removed). */
  onChange: (file: File | null) => void;
  accept: string;
  text: string;
  hint?: string;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <Upload.Dragger
      accept={p.accept}
      multiple={false}
      maxCount={1}
      disabled={p.disabled}
      fileList={p.file ? [{ uid: '1', name: p.file.name, size: p.file.size, status: 'done' }] : []}
      beforeUpload={(f) => {
        p.onChange(f);
        return false;
      }}
      onRemove={() => p.onChange(null)}
      data-testid={p.testId}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{p.text}</p>
      {p.hint && <p className="ant-upload-hint">{p.hint}</p>}
    </Upload.Dragger>
  );
}
