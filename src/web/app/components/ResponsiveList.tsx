/**
 * A list that fits the screen it is on: a table on a wide screen, one card per row under 576 px, so a phone
 * never scrolls a table sideways to reach a due time or a button. The page gives the table's columns and
 * how one row reads as a card; paging, loading, the empty text and row selection serve both.
 */
import { Card, Checkbox, Empty, Grid, List, Table, type TableProps } from 'antd';
import type { Key, ReactNode } from 'react';
import { viewportAtLeast } from '../viewport';

export interface ResponsiveListProps<T> extends TableProps<T> {
  /** One row as a card on a phone: what the person needs first, then the actions. */
  renderCard: (row: T) => ReactNode;
  /** Test id of the list in either form. */
  testId?: string;
}

export function ResponsiveList<T extends object>({ renderCard, testId, ...table }: ResponsiveListProps<T>) {
  const screens = Grid.useBreakpoint();
  // Before antd's first measurement `sm` is undefined: the viewport decides (viewport.ts), so a phone draws no table first.
  if (screens.sm === undefined ? viewportAtLeast(576) : screens.sm !== false) return <Table<T> data-testid={testId} {...table} />;

  const rows = (table.dataSource ?? []) as T[];
  const keyOf = (row: T, i: number): Key =>
    typeof table.rowKey === 'function' ? table.rowKey(row, i) : ((row as Record<string, unknown>)[(table.rowKey as string) ?? 'key'] as Key);
  const selection = table.rowSelection;
  const pagination = table.pagination || undefined;
  const emptyText = table.locale?.emptyText;
  return (
    <List<T>
      data-testid={testId}
      loading={Boolean(table.loading)}
      dataSource={rows}
      locale={{ emptyText: (emptyText as ReactNode) ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      pagination={
        pagination
          ? {
              current: pagination.current,
              pageSize: pagination.pageSize,
              total: pagination.total,
              onChange: pagination.onChange,
              showSizeChanger: false,
              size: 'small',
              align: 'center',
            }
          : false
      }
      renderItem={(row, i) => {
        const key = keyOf(row, i);
        const picked = selection?.selectedRowKeys?.includes(key) ?? false;
        const disabled = selection?.getCheckboxProps?.(row)?.disabled ?? false;
        return (
          <List.Item key={key} style={{ padding: '4px 0', border: 'none' }}>
            <Card size="small" style={{ width: '100%' }} styles={{ body: { padding: 12 } }} data-testid="list-card">
              {selection && !disabled && (
                <Checkbox
                  style={{ float: 'right' }}
                  checked={picked}
                  onChange={(e) => {
                    const keys = selection.selectedRowKeys ?? [];
                    const next = e.target.checked ? [...keys, key] : keys.filter((k) => k !== key);
                    selection.onChange?.(
                      next,
                      rows.filter((r, j) => next.includes(keyOf(r, j))),
                      { type: 'multiple' },
                    );
                  }}
                />
              )}
              {renderCard(row)}
            </Card>
          </List.Item>
        );
      }}
    />
  );
}
