/**
 * The spreadsheet import wizard: upload → column mapping → validation report → commit. Validation
 * and the commit run on the server in the background; the job is polled every second meanwhile.
 */
import { Alert, Button, Card, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type CommitMode, type UploadedImport, chooseImportSheet, commitImport, getImport, validateImport } from '../../../domain/residents/api';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { BackLink } from './BackLink';
import { ImportCommitStep } from './ImportCommitStep';
import { ImportMappingStep } from './ImportMappingStep';
import { ImportReportStep } from './ImportReportStep';
import { ImportUploadStep } from './ImportUploadStep';
import { FIELD_CHOICES, initialMapping, type Mapping } from './import-mapping';
import { useImportJob } from './use-import-job';

export default function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { area: current } = useCurrentArea();
  const [step, setStep] = useState(0);
  const [upload, setUpload] = useState<UploadedImport | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<string | null>(null);
  const { job, error: pollError } = useImportJob(upload?.id ?? null);
  // Each step's answer is the job itself: refetching it (and so its polling) is all a step changes.
  const validateStep = useApiMutation(validateImport, { invalidates: [getImport] });
  const commitStep = useApiMutation(commitImport, { invalidates: [getImport] });
  const sheetStep = useApiMutation(chooseImportSheet, { invalidates: [getImport] });
  const busy = validateStep.isPending || commitStep.isPending || sheetStep.isPending;
  const fields = upload?.fields.length ? upload.fields : FIELD_CHOICES;

  const restart = () => {
    setUpload(null);
    setMapping({});
    setSheet(undefined);
    setActionError(null);
    setStep(0);
  };

  const showUpload = (u: UploadedImport) => {
    setUpload(u);
    setMapping(initialMapping(u.headers, u.suggestedMapping, u.fields.length ? u.fields : FIELD_CHOICES));
  };

  /** Runs a step's request; its failure is shown on the step. */
  const act = async (run: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await run();
    } catch (e) {
      setActionError(errorText(e, t));
    }
  };

  /** Another sheet has other headers: the server reads them and suggests a mapping afresh. */
  const chooseSheet = (next: string) =>
    void act(async () => {
      showUpload(await sheetStep.mutateAsync({ params: { id: upload!.id }, body: { sheet: next } }));
      setSheet(next);
    });

  const validate = () =>
    void act(async () => {
      await validateStep.mutateAsync({ params: { id: upload!.id }, body: { mapping, ...(sheet ? { sheet } : {}) } });
      setStep(2);
    });
  const commit = (mode: CommitMode) =>
    void act(async () => {
      await commitStep.mutateAsync({ params: { id: upload!.id }, body: { mode } });
      setStep(3);
    });

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
                  showUpload(u);
                  setSheet(u.sheet ?? u.sheetNames[0]);
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
                sheetNames={upload.sheetNames}
                sheet={sheet}
                onSheet={chooseSheet}
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
