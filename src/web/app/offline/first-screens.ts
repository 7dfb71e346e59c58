/**
 * The field's first screens: the pages a cold load most often opens (a field worker's bookmark or home screen
 * icon), with the file of each page's code. Read by the app (offline/first-screen.ts fetches the page's code beside
 * the session) and by the build (tools/vite-first-screen.ts lets the page itself start both before the main script
 * has arrived). Paths are the routes' own (modules.tsx); a page named here must be one of them.
 */
export const FIRST_SCREENS: readonly { path: string; page: string }[] = [
  { path: '/', page: 'modules/home/HomePage.tsx' },
  { path: '/me/tasks', page: 'modules/tasks/MyTasksPage.tsx' },
  { path: '/screening/visit/:id', page: 'modules/screening/VisitPage.tsx' },
  { path: '/sampling/desk', page: 'modules/sampling/DeskPage.tsx' },
  { path: '/monitoring/today', page: 'modules/monitoring/DoctorTodayPage.tsx' },
];
