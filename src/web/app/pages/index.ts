/**
 * The shell's own result pages (not found, forbidden, a failed start), fetched when one is shown: antd's Result and
 * its illustrations are rarely needed and were a share of the main script every phone downloaded and compiled before
 * its first screen. Each renders inside a Suspense boundary (the shell's page, or RequireAuth's own).
 */
import { lazy } from 'react';

export const NotFound = lazy(() => import('./NotFound').then((m) => ({ default: m.NotFound })));
export const Forbidden = lazy(() => import('./Forbidden').then((m) => ({ default: m.Forbidden })));
export const StartError = lazy(() => import('./StartError').then((m) => ({ default: m.StartError })));
