/**
 * The spreadsheet import wizard: upload → column mapping → validation report → commit. Validation
 * and the commit run on the server in the background; the job is polled every second meanwhile.
 */
import { Alert, Button, Card, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../app/api';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { BackLink } from './BackLink';
import { ImportCommitStep } from './ImportCommitStep';
import { ImportMappingStep } from './ImportMappingStep';
import { ImportReportStep } from './ImportReportStep';
import { ImportUploadStep } from './ImportUploadStep';
import { IMPORT_FIELDS, initialMapping, type CommitMode, type ImportJob, type Mapping, type UploadedImport } from './import-mapping';
import { useImportJob } from './use-import-job';

export default function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { area: current } = useCurrentArea();
  const [step, setStep] = useState(0);
  const [upload, setUpload] = useState<UploadedImport | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const { job, error: pollError, refresh, setJob } = useImportJob(upload?.id ?? null);
  const fields = upload?.fields?.length ? upload.fields : IMPORT_FIELDS;

  const restart = () => {
    setUpload(null);
    setJob(null);
    setMapping({});
    setSheet(undefined);
    setActionError(null);
    setStep(0);
  };

  /** Starts a background step (validate / commit) and follows the job from there. */
  const start = async (path: string, body: unknown, nextStep: number) => {
    setBusy(true);
    setActionError(null);
    try {
      const r = await api.post<Partial<ImportJob>>(path, body);
      if (r && typeof r === 'object' && 'status' in r && r.progress && r.counts) setJob(r as ImportJob);
      // Otherwise show the step as started until the next poll says more.
      else setJob((j) => (j ? { ...j, status: nextStep === 2 ? 'validating' : 'committing', progress: { rows: 0, total: j.progress?.total ?? 0 } } : j));
      setStep(nextStep);
      refresh();
    } catch (e) {
      setActionError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  /** Another sheet has other headers: the server reads them and suggests a mapping afresh. */
  const chooseSheet = async (next: string) => {
    setBusy(true);
    setActionError(null);
    try {
      const u = await api.post<UploadedImport>(`/api/residents/imports/${upload!.id}/sheet`, { sheet: next });
      setUpload(u);
      setMapping(initialMapping(u.headers, u.suggestedMapping, u.fields?.length ? u.fields : IMPORT_FIELDS));
      setSheet(next);
    } catch (e) {
      setActionError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const validate = () => void start(`/api/residents/imports/${upload!.id}/validate`, { mapping, ...(sheet ? { sheet } : {}) }, 2);
  const commit = (mode: CommitMode) => void start(`/api/residents/imports/${upload!.id}/commit`, { mode }, 3);

  const failed = job?.status === 'failed';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackLink />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('residents.import.title')}
      </Typography.Title>
      <Card size="small">
        <Steps
          size="small"
          current={step}
          status={failed ? 'error' : undefined}
          style={{ marginBottom: 20 }}
          items={[
            { title: t('residents.import.stepUpload') },
            { title: t('residents.import.stepMapping') },
            { title: t('residents.import.stepReport') },
            { title: t('residents.import.stepCommit') },
          ]}
        />
        {failed ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert
              type="error"
              showIcon
              title={t('residents.import.failed')}
              description={job?.failureMessage || job?.failure || undefined}
              data-testid="import-failed"
            />
            <Button onClick={restart}>{t('residents.import.another')}</Button>
          </Space>
        ) : (
          <>
            {pollError && step >= 2 && <Alert type="warning" showIcon title={pollError} style={{ marginBottom: 12 }} />}
            {step === 0 && (
              <ImportUploadStep
                defaultAreaId={current?.id}
                onUploaded={(u) => {
                  setUpload(u);
                  setMapping(initialMapping(u.headers, u.suggestedMapping, u.fields?.length ? u.fields : IMPORT_FIELDS));
                  setSheet(u.sheet ?? u.sheetNames?.[0]);
                  setStep(1);
                }}
              />
            )}
            {step === 1 && upload && (
              <ImportMappingStep
                headers={upload.headers}
                fields={fields}
                mapping={mapping}
                onMapping={setMapping}
                sheetNames={upload.sheetNames ?? []}
                sheet={sheet}
                onSheet={(s) => void chooseSheet(s)}
                busy={busy}
                error={actionError}
                onBack={restart}
                onValidate={validate}
              />
            )}
            {step === 2 && job && <ImportReportStep job={job} onBack={() => setStep(1)} onNext={() => setStep(3)} />}
            {step === 3 && job && (
              <ImportCommitStep
                job={job}
                busy={busy}
                error={actionError}
                onBack={() => setStep(2)}
                onCommit={commit}
                onFinish={() => navigate('/residents')}
                onAnother={restart}
              />
            )}
          </>
        )}
      </Card>
    </Space>
  );
}
