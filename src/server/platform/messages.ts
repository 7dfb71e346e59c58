/**
 * Error messages by code, in Chinese and English. `{name}` placeholders are filled from the error's params.
 * Every DomainError code must have an entry here (a unit test checks it).
 */
export type Lang = 'zh' | 'en';

export const MESSAGES: Record<string, { zh: string; en: string }> = {
  VALIDATION_FAILED: { zh: '提交的内容有误，请检查标出的字段', en: 'Some fields are not valid; please check them' },
  INVALID_JSON: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  BAD_REQUEST: { zh: '请求无效', en: 'Bad request' },
  UNAUTHENTICATED: { zh: '请先登录，或登录已过期', en: 'Please sign in; your session may have expired' },
  BAD_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_DISABLED: { zh: '该账号已停用，请联系管理员', en: 'This account is disabled; contact an administrator' },
  CSRF_FAILED: { zh: '页面已过期，请刷新后重试', en: 'The page is out of date; reload and try again' },
  FORBIDDEN: { zh: '没有执行此操作的权限', en: 'You do not have permission to do this' },
  ROLE_NOT_GRANTABLE: {
    zh: '不能授予超出自己权限的角色：{role}',
    en: 'You cannot grant a role with permissions you do not hold: {role}',
  },
  NOT_FOUND: { zh: '未找到该记录，或无权访问', en: 'Not found, or no access' },
  ROUTE_NOT_FOUND: { zh: '接口不存在', en: 'No such endpoint' },
  USERNAME_TAKEN: { zh: '用户名“{username}”已被使用', en: 'The username "{username}" is taken' },
  AREA_NAME_TAKEN: { zh: '同一上级下已有名为“{name}”的区域', en: 'An area named "{name}" already exists under this parent' },
  DIVISION_CODE_TAKEN: {
    zh: '区划代码 {code} 已属于区域“{name}”',
    en: 'Division code {code} already belongs to the area "{name}"',
  },
  AREA_KIND_ORDER: {
    zh: '“{child}”不能放在“{parent}”之下',
    en: 'A {child} cannot be placed under a {parent}',
  },
  AREA_MOVE_CYCLE: { zh: '不能把区域移到它自己或其下级之下', en: 'An area cannot be moved under itself or its descendants' },
  AREA_IS_SCOPE_ROOT: { zh: '不能移动或归档自己的管辖根区域', en: 'You cannot move or archive the root of your own scope' },
  AREA_ARCHIVED: { zh: '该区域已归档', en: 'This area is archived' },
  DIVISION_NOT_FOUND: { zh: '区划代码 {code} 不存在', en: 'Division code {code} does not exist' },
  DIVISION_LEVEL: { zh: '只能导入县级或乡镇级区划', en: 'Only a county or a town can be imported' },
  ID_NUMBER_TAKEN: {
    zh: '该证件号码已登记在“{area}”，同一证件号只能对应一个人',
    en: 'This ID number is already registered in "{area}"; one number belongs to one person',
  },
  MOVE_BEFORE_STAY: { zh: '迁移日期不能早于当前居住开始日期 {since}', en: 'The move cannot be dated before the current stay began ({since})' },
  CANNOT_MERGE: { zh: '不能合并：{reason}', en: 'Cannot merge: {reason}' },
  ALREADY_DISMISSED: { zh: '这两条记录已标记为不同的人', en: 'These two records are already marked as different people' },
  WEAK_PASSWORD: { zh: '密码强度不够：{reason}', en: 'The password is too weak: {reason}' },
  WRONG_PASSWORD: { zh: '当前密码不正确', en: 'The current password is wrong' },
  PAYLOAD_TOO_LARGE: { zh: '提交的内容过大', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  TOO_MANY_REQUESTS: { zh: '尝试次数过多，请 {minutes} 分钟后再试', en: 'Too many attempts; try again in {minutes} minutes' },
  INTERNAL: { zh: '服务器内部错误，已记录，请稍后重试', en: 'Internal server error; it has been logged, please try again' },
};

export const PASSWORD_REASONS: Record<string, { zh: string; en: string }> = {
  too_short: { zh: '至少 10 个字符', en: 'at least 10 characters' },
  too_long: { zh: '最多 200 个字符', en: 'at most 200 characters' },
  too_simple: { zh: '需包含小写字母、大写字母、数字、符号中的至少三类', en: 'use at least three of: lower case, upper case, digits, symbols' },
  contains_username: { zh: '不能包含用户名', en: 'must not contain the username' },
  too_common: { zh: '过于常见', en: 'too common' },
};

/** Picks zh or en from an Accept-Language header; Chinese unless English is preferred. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export function message(code: string, lang: Lang, params: Record<string, unknown> = {}): string {
  const entry = MESSAGES[code] ?? MESSAGES.BAD_REQUEST;
  return entry[lang].replace(/\{(\w+)\}/g, (_, k) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}
