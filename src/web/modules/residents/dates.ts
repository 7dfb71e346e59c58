/** Date helpers for the forms: the API speaks 'YYYY-MM-DD', antd's pickers speak dayjs. */
import dayjs, { type Dayjs } from 'dayjs';

export const toDay = (s: string | null | undefined): Dayjs | undefined => (s ? dayjs(s) : undefined);
export const fromDay = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const todayIso = () => dayjs().format('YYYY-MM-DD');
/** For `disabledDate`: nothing after today (moves, birth dates, move-in days). */
export const isFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
