import { Spin } from 'antd';
import { Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler } from './api';
import { useAuth } from './auth';
import { ForcedPasswordChange } from './components/ForcedPasswordChange';
import { loginPath } from './next';
import { Forbidden, StartError } from './pages';

/**
 * Sends the user to /login?next=<here> whenever any call answers 401 (session expired or ended
 * elsewhere), except on the login page itself.
 */
export function SessionExpiryHandler() {
  const navigate = useNavigate();
  const { clear } = useAuth();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const { pathname, search } = window.location;
      if (pathname === '/login') return;
      clear();
      navigate(loginPath(pathname + search), { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, clear]);
  return null;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, startError, refresh } = useAuth();
  const location = useLocation();
  if (loading) return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  if (startError) {
    return (
      <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />}>
        <StartError error={startError} onRetry={() => void refresh()} />
      </Suspense>
    );
  }
  if (!user) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  // The server refuses everything but the change until the password is the user's own.
  if (user.mustChangePassword) return <ForcedPasswordChange />;
  return <>{children}</>;
}

export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { can } = useAuth();
  if (permission && !can(permission)) return <Forbidden />;
  return <>{children}</>;
}
