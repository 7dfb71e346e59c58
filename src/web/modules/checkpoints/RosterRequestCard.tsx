/**
 * One swap or leave request: who, which shifts, its state, the roster rules a swap would break, and the actions the
 * viewer may take in its state (the same table the server checks, `requestActions`, so a refused button never shows).
 */
import { Alert, App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type RosterRequest,
  acceptRosterRequest,
  approveRosterRequest,
  declineRosterRequest,
  refuseRosterRequest,
  withdrawRosterRequest,
} from '../../../domain/checkpoints/api-requests';
import { type RosterRequestAction, requestActions } from '../../../domain/checkpoints/kinds';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { useWarningText } from './AssignPopover';

const STATUS_COLOUR: Record<RosterRequest['status'], string | undefined> = {
  pending: 'gold',
  accepted_by_colleague: 'blue',
  approved: 'green',
  refused: 'red',
  withdrawn: undefined,
};

/** `as`: who is looking — the requester, the named colleague, a cadre deciding, or someone who only reads the board. */
export function RosterRequestCard({ request: r, as }: { request: RosterRequest; as: 'requester' | 'colleague' | 'cadre' | 'viewer' }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const warningText = useWarningText();
  const [note, setNote] = useState('');
  const mine: RosterRequestAction[] = { requester: ['withdraw'], colleague: ['accept', 'decline'], cadre: ['approve', 'refuse'], viewer: [] }[
    as
  ] as RosterRequestAction[];
  const actions = requestActions(r.kind, r.status).filter((a) => mine.includes(a));
  const approve = useApiMutation(approveRosterRequest);
  const others = {
    accept: useApiMutation(acceptRosterRequest),
    decline: useApiMutation(declineRosterRequest),
    withdraw: useApiMutation(withdrawRosterRequest),
    refuse: useApiMutation(refuseRosterRequest),
  };
  const run = (a: RosterRequestAction) => {
    const body = note.trim() ? { note: note.trim() } : {};
    const onError = (e: Parameters<typeof errorText>[0]) => message.error(errorText(e, t));
    if (a === 'approve') {
      approve.mutate(
        { params: { id: r.id }, body },
        {
          onError,
          onSuccess: (done) => {
            if (done.warnings.length)
              modal.warning({
                title: t('checkpoints.requests.approvedWarnings'),
                content: (
                  <ul>
                    {done.warnings.map((w) => (
                      <li key={w.kind}>{warningText(w)}</li>
                    ))}
                  </ul>
                ),
              });
            else message.success(t('checkpoints.requests.done'));
          },
        },
      );
    } else others[a].mutate({ params: { id: r.id }, body }, { onError, onSuccess: () => message.success(t('checkpoints.requests.done')) });
  };
  const busy = approve.isPending || Object.values(others).some((m) => m.isPending);
  const first = r.shifts[0];
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="roster-request">
      <Space wrap>
        <Tag>{t(`checkpoints.requests.kind.${r.kind}`)}</Tag>
        <Tag color={STATUS_COLOUR[r.status]}>{t(`checkpoints.requests.status.${r.status}`)}</Tag>
        <Typography.Text strong>
          {r.kind === 'swap'
            ? t('checkpoints.requests.swapWith', { name: r.requesterName, colleague: r.colleagueName })
            : t('checkpoints.requests.leaveOf', { name: r.requesterName })}
        </Typography.Text>
      </Space>
      <div>
        {r.shifts.length === 1
          ? `${first.postName} · ${dayjs(first.startsAt).format('MM-DD HH:mm')}–${dayjs(first.endsAt).format('HH:mm')} · ${first.shiftName}`
          : `${r.fromDay ?? first.day} – ${r.toDay ?? r.shifts[r.shifts.length - 1].day} · ${t('checkpoints.requests.shifts', { count: r.shifts.length })}`}
      </div>
      {r.reason && <Typography.Text type="secondary">{t('checkpoints.requests.reasonText', { reason: r.reason })}</Typography.Text>}
      {r.decisionNote && <div>{r.decisionNote}</div>}
      {r.decidedByName && r.decidedAt && (
        <Typography.Text type="secondary">
          {t('checkpoints.requests.decided', { name: r.decidedByName, time: dayjs(r.decidedAt).format('MM-DD HH:mm') })}
        </Typography.Text>
      )}
      {r.warnings.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          message={t('checkpoints.requests.warnings')}
          description={
            <ul style={{ margin: 0 }} data-testid="request-warnings">
              {r.warnings.map((w) => (
                <li key={w.kind}>{warningText(w)}</li>
              ))}
            </ul>
          }
        />
      )}
      {actions.length > 0 && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          {actions.some((a) => a === 'refuse' || a === 'decline') && (
            <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} placeholder={t('checkpoints.requests.note')} />
          )}
          <Space wrap>
            {actions.map((a) => (
              <Button
                key={a}
                size="large"
                type={a === 'approve' || a === 'accept' ? 'primary' : 'default'}
                danger={a === 'refuse' || a === 'decline'}
                loading={busy}
                onClick={() => run(a)}
                data-testid={`request-${a}`}
              >
                {t(`checkpoints.requests.action.${a}`)}
              </Button>
            ))}
          </Space>
        </Space>
      )}
    </Card>
  );
}
