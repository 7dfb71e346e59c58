/** Import step 2: which field each column of the file feeds (or "ignore"), and which sheet. */
import { Alert, Button, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportField } from '../../../domain/residents/api';
import { type FieldChoice, type Mapping, mappingProblems } from './import-mapping';

const IGNORE = '__ignore__';

interface Props {
  headers: string[];
  fields: FieldChoice[];
  mapping: Mapping;
  onMapping: (m: Mapping) => void;
  sheetNames: string[];
  sheet: string | undefined;
  onSheet: (s: string) => void;
  busy: boolean;
  error: string | null;
  onBack: () => void;
  onValidate: () => void;
}

export function ImportMappingStep(p: Props) {
  const { t } = useTranslation();
  const label = (key: string) => t(`residents.field.${key}`, { defaultValue: key });
  const problems = mappingProblems(p.mapping, p.fields);
  const blocked = problems.missing.length > 0 || problems.duplicated.length > 0;
  const options = [
    { value: IGNORE, label: t('residents.import.ignore') },
    ...p.fields.map((f) => ({ value: f.key, label: f.required ? `${label(f.key)} *` : label(f.key) })),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('residents.import.mappingHint')}</Typography.Paragraph>
      {p.sheetNames.length > 1 && (
        <Space wrap>
          <span>{t('residents.import.sheet')}</span>
          <Select
            value={p.sheet ?? p.sheetNames[0]}
            onChange={p.onSheet}
            options={p.sheetNames.map((s) => ({ value: s, label: s }))}
            style={{ minWidth: 160 }}
          />
        </Space>
      )}
      <Table<{ header: string }>
        rowKey="header"
        size="small"
        pagination={false}
        dataSource={p.headers.map((header) => ({ header }))}
        scroll={{ x: 'max-content' }}
        data-testid="import-mapping"
        columns={[
          { title: t('residents.import.column'), dataIndex: 'header', render: (h: string) => <Typography.Text strong>{h}</Typography.Text> },
          {
            title: t('residents.import.field'),
            key: 'field',
            render: (_: unknown, { header }) => {
              const value = p.mapping[header] ?? IGNORE;
              const dup = value !== IGNORE && problems.duplicated.includes(value);
              return (
                <Select
                  value={value}
                  status={dup ? 'error' : undefined}
                  onChange={(v: string) => p.onMapping({ ...p.mapping, [header]: v === IGNORE ? null : (v as ImportField) })}
                  options={options}
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: 200 }}
                  data-testid={`map-${header}`}
                />
              );
            },
          },
        ]}
      />
      {problems.missing.length > 0 && (
        <Alert type="warning" showIcon title={t('residents.import.missing', { fields: problems.missing.map(label).join(t('residents.history.separator')) })} />
      )}
      {problems.duplicated.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('residents.import.duplicated', { fields: problems.duplicated.map(label).join(t('residents.history.separator')) })}
        />
      )}
      {p.error && <Alert type="error" showIcon title={p.error} />}
      <Space wrap>
        <Button onClick={p.onBack} disabled={p.busy}>
          {t('residents.import.another')}
        </Button>
        <Button type="primary" disabled={blocked} loading={p.busy} onClick={p.onValidate} data-testid="import-validate">
          {t('residents.import.validate')}
        </Button>
      </Space>
    </Space>
  );
}
