/**
 * One page of a list the server pages (cases, zones, measures, tasks): a table on a wide screen and cards on a
 * phone (ResponsiveList), the empty state and the total said the same way on every page. The page keeps its own
 * page number; this only draws what it has.
 */
import { Empty } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveList, type ResponsiveListProps } from './ResponsiveList';

export interface PagedListProps<T> extends Omit<ResponsiveListProps<T>, 'dataSource' | 'pagination' | 'locale'> {
  /** The server's answer for the current page. */
  data: { items: T[]; total: number };
  current: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** What an empty list says (why it is empty, or what to do). */
  empty: ReactNode;
}

export function PagedList<T extends object>({ data, current, pageSize, onPage, empty, ...list }: PagedListProps<T>) {
  const { t } = useTranslation();
  return (
    <ResponsiveList<T>
      size="small"
      scroll={{ x: 'max-content' }}
      {...list}
      dataSource={data.items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      pagination={{
        current,
        pageSize,
        total: data.total,
        showSizeChanger: false,
        onChange: onPage,
        showTotal: (total) => t('common.total', { count: total }),
      }}
    />
  );
}
