/** A phone-sized button that opens a page: the next thing to do, one tap. */
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export function BigLink({
  to,
  children,
  danger,
  testId,
  primary = true,
}: {
  to: string;
  children: ReactNode;
  danger?: boolean;
  testId?: string;
  primary?: boolean;
}) {
  return (
    <Link to={to} data-testid={testId} style={{ display: 'block' }}>
      <Button
        type={primary ? 'primary' : 'default'}
        danger={danger}
        block
        style={{ height: 'auto', minHeight: 56, padding: '8px 16px', fontSize: 17, whiteSpace: 'normal' }}
      >
        {children}
      </Button>
    </Link>
  );
}
