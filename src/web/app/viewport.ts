/**
 * Whether the viewport is at least `px` wide (antd's breakpoints: sm 576, md 768), read at once. antd's
 * Grid.useBreakpoint() knows nothing on a component's first render (it measures in an effect): a layout choosing by
 * it alone drew the desktop shell first on a phone and then the phone's — twice the work on a slow phone's cold load.
 * With this the first render is already the right one; the hook's answer takes over once it has measured.
 */
export function viewportAtLeast(px: number): boolean {
  return typeof window === 'undefined' || typeof window.matchMedia !== 'function' || window.matchMedia(`(min-width: ${px}px)`).matches;
}
