/**
 * The code of the page a cold load opens, fetched at once — beside the session's check rather than after it. The
 * pages are lazy (modules.tsx), so without this a phone on a slow network would ask for the page's code only once
 * the session had answered: one round trip more before the first screen. Only the field's first screens are listed;
 * the same import() later returns the same module, so nothing is fetched twice.
 */
const FIRST_SCREENS: [RegExp, () => Promise<unknown>][] = [
  [/^\/$/, () => import('../../modules/home/HomePage')],
  [/^\/me\/tasks$/, () => import('../../modules/tasks/MyTasksPage')],
  [/^\/screening\/visit\/\d+$/, () => import('../../modules/screening/VisitPage')],
  [/^\/sampling\/desk$/, () => import('../../modules/sampling/DeskPage')],
  [/^\/monitoring\/today$/, () => import('../../modules/monitoring/DoctorTodayPage')],
];

export function preloadFirstScreen(pathname: string) {
  const hit = FIRST_SCREENS.find(([path]) => path.test(pathname));
  void hit?.[1]().catch(() => undefined);
}
