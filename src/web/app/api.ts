/**
 * The one way the web app talks to the server. It adds the language, the CSRF token and JSON
 * handling, turns error bodies into ApiError, and sends the user to the login page when the
 * session has expired (any 401 except from the login call itself).
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per-field problems: field name (dotted for nested fields) → text already in the user's language. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// Kept in memory only: the token is handed out by login and /auth/me, and a reload fetches it again.
let csrfToken: string | null = null;
let language = 'zh-CN';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export function setApiLanguage(lang: string) {
  language = lang;
}

/** The app shell registers what to do on an expired session (navigate to /login?next=…). */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

const LOGIN_PATH = '/api/auth/login';

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  // A FormData body (file upload) sets its own multipart Content-Type with the boundary.
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  return answerOf<T>(
    path,
    fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    }),
  );
}

/**
 * A request's answer read as request() reads it — also for a request made before the app started (the session a cold
 * load asks for in boot.js).
 */
export async function answerOf<T>(path: string, sent: Promise<Response>): Promise<T> {
  let res: Response;
  try {
    res = await sent;
  } catch {
    // Offline or server down: status 0 and code NETWORK; errorText() shows a translated message.
    throw new ApiError(0, 'NETWORK', 'network error');
  }

  const text = await res.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined)?.error;
    const apiError = new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText, err?.fields ?? {});
    if (res.status === 401 && path !== LOGIN_PATH) {
      csrfToken = null;
      onUnauthorized?.();
    }
    throw apiError;
  }
  return data as T;
}

/**
 * A file answer to a POST (an export with its stated purpose): the bytes are taken as a blob and saved under the
 * name the server gave (`filename*`), since a link or a navigation can only GET. Errors are read like any call's.
 */
export async function download(path: string, body: unknown, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Accept-Language': language };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  if (!res.ok) {
    let err: { code?: string; message?: string; fields?: Record<string, string> } | undefined;
    try {
      err = (JSON.parse(await res.text()) as { error?: typeof err }).error;
    } catch {
      err = undefined;
    }
    if (res.status === 401) {
      csrfToken = null;
      onUnauthorized?.();
    }
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText, err?.fields ?? {});
  }
  const blob = await res.blob();
  const named = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = named ? decodeURIComponent(named[1]) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data POST (file uploads); same language, CSRF and error handling as the rest. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};
