/**
 * Who is on duty at the post now: the shift running at this moment (a night shift begun yesterday included) with
 * each person as checked in, late or absent, and the roles still short of the post's minimum.
 */
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type Post, roster } from '../../../domain/checkpoints/api';
import { addDays } from '../../../domain/policy/rules';
import { useApiQuery } from '../../app/query';

export function PostOnDuty({ post, today }: { post: Post; today: string | undefined }) {
  const { t } = useTranslation();
  const cells = useApiQuery(
    roster,
    { query: { postId: post.id, from: today ? addDays(today, -1) : '', days: 2 } },
    { enabled: !!today, refetchInterval: 60_000 },
  );
  const now = Date.now();
  const running = (cells.data?.cells ?? []).filter((c) => new Date(c.startsAt).getTime() <= now && now < new Date(c.endsAt).getTime());
  // The shift as the post names it, in the post's own local hours (not the device's clock).
  const shiftOf = (code: string) => post.shifts.find((s) => s.code === code) ?? { name: code, start: '', end: '' };
  return (
    <Card size="small" title={t('checkpoints.post.onDuty')} loading={cells.isLoading} data-testid="post-on-duty">
      {!running.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkpoints.post.noShiftNow')} />}
      {running.map((c) => (
        <div key={`${c.day}-${c.shiftCode}`} style={{ marginBottom: 8 }}>
          <Space wrap>
            <Typography.Text strong>
              {t('checkpoints.post.shiftNow', { shift: shiftOf(c.shiftCode).name, start: shiftOf(c.shiftCode).start, end: shiftOf(c.shiftCode).end })}
            </Typography.Text>
            {c.short.length > 0 && <Tag color="red">{t('checkpoints.post.short', { roles: c.short.map((r) => t(`checkpoints.role.${r}`)).join('、') })}</Tag>}
          </Space>
          <List
            size="small"
            dataSource={c.people}
            locale={{ emptyText: t('checkpoints.post.nobodyAssigned') }}
            renderItem={(p) => (
              <List.Item data-testid="post-duty-person">
                <Space wrap>
                  <Typography.Text>{p.name}</Typography.Text>
                  <Tag>{t(`checkpoints.role.${p.role}`)}</Tag>
                </Space>
                {p.absent ? (
                  <Tag color="red">{t('checkpoints.post.absent')}</Tag>
                ) : p.checkedInAt ? (
                  <Space size={4} wrap style={{ justifyContent: 'flex-end' }}>
                    <Tag color="green">{t('checkpoints.post.checkedIn', { time: dayjs(p.checkedInAt).format('HH:mm') })}</Tag>
                    {p.late && <Tag color="orange">{t('checkpoints.post.late')}</Tag>}
                  </Space>
                ) : (
                  <Tag>{t('checkpoints.post.notYet')}</Tag>
                )}
              </List.Item>
            )}
          />
        </div>
      ))}
    </Card>
  );
}
