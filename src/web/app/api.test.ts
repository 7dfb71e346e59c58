import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setApiLanguage, setCsrfToken, setUnauthorizedHandler, withQuery } from './api';
import { loginPath, safeNext } from './next';

type Call = { url: string; init: RequestInit };

function mockFetch(status: number, body: unknown): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

const header = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthorizedHandler(null);
  setApiLanguage('zh-CN');
});

describe('api client', () => {
  it('sends the language on every call and the CSRF token only on writes', async () => {
    const calls = mockFetch(200, { ok: true });
    setCsrfToken('tok');
    setApiLanguage('en');
    await api.get('/api/areas/1');
    await api.post('/api/areas', { name: 'x' });
    expect(header(calls[0], 'Accept-Language')).toBe('en');
    expect(header(calls[0], 'x-csrf-token')).toBeUndefined();
    expect(header(calls[1], 'x-csrf-token')).toBe('tok');
    expect(header(calls[1], 'Content-Type')).toBe('application/json');
    expect(calls[1].init.body).toBe('{"name":"x"}');
    expect(calls[1].init.credentials).toBe('same-origin');
  });

  it('uploads FormData as multipart with the CSRF token, leaving the boundary to fetch', async () => {
    const calls = mockFetch(201, { id: 1 });
    setCsrfToken('tok');
    const form = new FormData();
    form.set('areaId', '5');
    await api.upload('/api/residents/imports', form);
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.body).toBe(form);
    expect(header(calls[0], 'Content-Type')).toBeUndefined();
    expect(header(calls[0], 'x-csrf-token')).toBe('tok');
  });

  it('turns an error body into ApiError with its fields', async () => {
    mockFetch(400, { error: { code: 'VALIDATION_FAILED', message: '提交的内容有误', fields: { name: '必填' } } });
    const e = await api.post('/api/areas', {}).catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '提交的内容有误', fields: { name: '必填' } });
  });

  it('calls the session-expiry handler on 401, except for the login call itself', async () => {
    const expired = vi.fn();
    setUnauthorizedHandler(expired);
    mockFetch(401, { error: { code: 'BAD_CREDENTIALS', message: 'wrong' } });
    await api.post('/api/auth/login', { username: 'a', password: 'b' }).catch(() => {});
    expect(expired).not.toHaveBeenCalled();
    mockFetch(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } });
    await api.get('/api/users').catch(() => {});
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/api/health')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/api/users', { q: '', page: 2, pageSize: 20, x: undefined })).toBe('/api/users?page=2&pageSize=20');
    expect(withQuery('/api/users')).toBe('/api/users');
  });
});

describe('login redirects', () => {
  it('accepts only same-site paths as next', () => {
    expect(safeNext('/admin/users?q=1')).toBe('/admin/users?q=1');
    for (const bad of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', '/login?next=/x']) expect(safeNext(bad)).toBe('/');
  });
  it('remembers where the user was', () => {
    expect(loginPath('/areas?x=1')).toBe('/login?next=%2Fareas%3Fx%3D1');
    expect(loginPath('/')).toBe('/login');
  });
});
