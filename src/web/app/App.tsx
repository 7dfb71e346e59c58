/**
 * Providers (server state through TanStack Query, antd locale, auth, current area) and routes. Routes come from the module list,
 * each guarded by its permission; unknown paths get a 404 inside the shell. Public pages (a branch's
 * enlistment form) are matched first, outside the session: they never ask who is signed in, so a
 * stranger's phone is not sent to the login page.
 */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { Suspense } from 'react';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { AppLayout } from './AppLayout';
import { queryClient } from './query';
import { AuthProvider } from './auth';
import { CurrentAreaProvider } from './current-area';
import { RequireAuth, RequirePermission, SessionExpiryHandler } from './guards';
import { useLanguage } from './i18n';
import { MODULES, PUBLIC_PAGES } from './modules';
import { NotFound } from './pages';
import LoginPage from '../modules/login/LoginPage';

const ZERO_RUNTIME = { zeroRuntime: true };

export function App() {
  const lang = useLanguage();
  return (
    <QueryClientProvider client={queryClient}>
      {/* Zero runtime: antd's styles come from its static stylesheet (main.tsx), not built in the browser on each first
          render. The theme is antd's default, which that stylesheet holds. */}
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={ZERO_RUNTIME}>
        <AntApp>
          <BrowserRouter>
            <Routes>
              {PUBLIC_PAGES.map(({ path, component: Page }) => (
                <Route
                  key={path}
                  path={path}
                  element={
                    <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />}>
                      <Page />
                    </Suspense>
                  }
                />
              ))}
              <Route path="*" element={<SignedInApp />} />
            </Routes>
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

/** Everything behind the session: the login page and the shell with the modules. */
function SignedInApp() {
  return (
    <AuthProvider>
      <SessionExpiryHandler />
      <CurrentAreaProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            {MODULES.map(({ path, permission, component: Page }) => (
              <Route
                key={path}
                path={path}
                element={
                  <RequirePermission permission={permission}>
                    <Page />
                  </RequirePermission>
                }
              />
            ))}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </CurrentAreaProvider>
    </AuthProvider>
  );
}
