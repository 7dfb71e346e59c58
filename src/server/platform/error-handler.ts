import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from './errors';
import { type Lang, message, pickLang } from './messages';

/**
 * The one place where errors become HTTP. Body: `{ error: { code, message, fields? } }`.
 * Anything a client can cause is a 4xx; only our own bugs are 500, and those are logged.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | DomainError | Error, req, reply) => {
    const lang = pickLang(req.headers['accept-language']);
    if (err instanceof DomainError) {
      // A refusal caused by a library's failure (a spreadsheet reader, say) keeps that failure for the log:
      // the user's answer stays a clear 4xx, and the engineer can still find out why.
      if (err.cause !== undefined) req.log.warn({ err: err.cause, code: err.code }, 'request refused after a library error');
      if (err.kind === 'too_many') reply.header('retry-after', String(Number(err.params.seconds ?? Number(err.params.minutes ?? 1) * 60)));
      return send(reply, err.status, err.code, message(err.code, lang, err.params), translateFields(err.fields, lang));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const v of err.validation) {
        const issue: Record<string, unknown> = { code: v.keyword, ...(v.params as Record<string, unknown>) };
        const key = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (err.validationContext ?? 'body');
        // Unknown keys are reported on each offending key, so a form can point at them.
        if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
          for (const k of issue.keys as string[]) fields[key === 'body' || key === 'querystring' ? k : `${key}.${k}`] = issueText(issue, lang);
        } else fields[key] ??= issueText(issue, lang, v.message);
      }
      return send(reply, 400, 'VALIDATION_FAILED', message('VALIDATION_FAILED', lang), fields);
    }
    // A value the database refuses as data (SQLSTATE class 22: out of range, malformed, NUL …) came from the
    // request: a 400, never a 500. Contracts should have refused it first; the log says which route let it through.
    if (isDataException(err)) {
      req.log.warn({ err }, 'the database refused a value the contract let through');
      return send(reply, 400, 'INVALID_VALUE', message('INVALID_VALUE', lang));
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = fastifyCode((err as FastifyError).code, status);
      return send(reply, status, code, message(code, lang));
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 500, 'INTERNAL', message('INTERNAL', lang));
  });

  app.setNotFoundHandler((req, reply) => {
    const lang = pickLang(req.headers['accept-language']);
    send(reply, 404, 'ROUTE_NOT_FOUND', message('ROUTE_NOT_FOUND', lang));
  });
}

function isDataException(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

function send(reply: FastifyReply, status: number, code: string, msg: string, fields?: Record<string, string>) {
  return reply.status(status).send({ error: { code, message: msg, ...(fields && Object.keys(fields).length ? { fields } : {}) } });
}

function fastifyCode(code: string | undefined, status: number): string {
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'INVALID_JSON';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status === 404) return 'ROUTE_NOT_FOUND';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  return 'BAD_REQUEST';
}

function translateFields(fields: Record<string, string> | undefined, lang: Lang) {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, FIELD_TEXT[v]?.[lang] ?? v]));
}

/** Field messages used by services (`fields: { name: 'required' }`) and for common schema issues. */
const FIELD_TEXT: Record<string, { zh: string; en: string }> = {
  required: { zh: '必填', en: 'required' },
  invalid_type: { zh: '类型不正确', en: 'wrong type' },
  unrecognized_keys: { zh: '不认识的字段', en: 'unknown field' },
  too_small: { zh: '太短或太小', en: 'too short or too small' },
  too_big: { zh: '太长或太大', en: 'too long or too large' },
  invalid_format: { zh: '格式不正确', en: 'wrong format' },
  invalid_date: { zh: '不是有效的日期（年份须在 1900–2100 之间）', en: 'not a real date (years 1900–2100)' },
  invalid_characters: { zh: '含有不能保存的字符（如 U+0000）', en: 'contains a character that cannot be stored (such as U+0000)' },
  invalid_value: { zh: '不是允许的取值', en: 'not an allowed value' },
  not_found: { zh: '不存在或无权访问', en: 'not found, or no access' },
  taken: { zh: '已被使用', en: 'already taken' },
  division_code: { zh: '应为 12 位数字的区划代码', en: 'must be a 12-digit division code' },
  // Party organisations and teams (volunteers module).
  not_committee: { zh: '上级须为党委或党总支', en: 'the parent must be a committee' },
  outside_parent: { zh: '须在上级组织的区域之内', en: "must lie within the parent's area" },
  inside_itself: { zh: '不能移到自身或其下级组织之下', en: 'cannot go under itself or its own subtree' },
  children_outside: { zh: '下级组织的区域不在这个区域之内', en: "its sub-organisations' areas lie outside this area" },
  not_assault_squad: { zh: '只有突击队可以设分队', en: 'only an assault squad has sub-squads' },
  closed: { zh: '已撤销', en: 'closed' },
  // Contact tracing (tracing module).
  in_future: { zh: '不能晚于今天', en: 'cannot be after today' },
  after_report: { zh: '不能晚于报告日期', en: 'cannot be after the report date' },
  not_identified: { zh: '现行政策不判定这一类别', en: 'not identified by the policy in force' },
  is_case: { zh: '不能是病例本人', en: 'cannot be the case themself' },
  not_in_policy: { zh: '不在现行政策的分类中', en: 'not a classification of the policy in force' },
  // Swap and leave requests on checkpoint rosters.
  same_person: { zh: '不能换给自己', en: 'cannot be yourself' },
  started: { zh: '班次已开始', en: 'the shift has started' },
  duplicate: { zh: '已有待处理的申请', en: 'already has a request waiting' },
  no_shifts: { zh: '这段日期内没有排班', en: 'no shifts in these days' },
  overlap: { zh: '同一时间已在别处值班', en: 'already on duty elsewhere then' },
  not_allowed: { zh: '这类申请不填此项', en: 'not used for this kind of request' },
  // An end before its start: a trajectory row's window, a leave's last day.
  before_start: { zh: '不能早于开始时间', en: 'must not be before the start' },
  leave_too_long: { zh: '一次请假最长 31 天', en: 'one leave request covers at most 31 days' },
  // Photos named by a record (photos module).
  repeated: { zh: '有重复的项', en: 'an item is listed twice' },
  locked: { zh: '已停用，请改用其他方式', en: 'no longer accepted; use another way' },
  photo_unknown: { zh: '照片不存在、已被使用，或不是您上传的', en: 'a photo that does not exist, is already used, or was not uploaded by you' },
  // Supplies and donations.
  invalid_quantity: { zh: '数量须为正整数', en: 'must be a whole number above zero' },
  invalid_amount: { zh: '金额须大于零', en: 'must be more than zero' },
  unknown_unit: { zh: '不是认可的计量单位', en: 'not a known unit' },
  before_receipt: { zh: '有效期不能早于入库日期', en: 'cannot expire before the day it is received' },
  same_store: { zh: '不能调拨给本仓库', en: 'cannot be the store itself' },
  // Inspections and rectification (inspections module).
  empty: { zh: '不能为空', en: 'cannot be empty' },
  out_of_range: { zh: '须在 0 到 100 之间', en: 'must be between 0 and 100' },
  not_positive: { zh: '须大于 0', en: 'must be more than 0' },
  not_a_village: { zh: '不是村或社区', en: 'not a village or community' },
  not_for_unannounced: { zh: '暗访不属于任何计划', en: 'an unannounced inspection has no plan' },
  plan_kind: { zh: '与计划的检查方式不符', en: "does not match the plan's kind" },
  not_in_plan: { zh: '不在计划名单中', en: 'not on the plan' },
  missing_items: { zh: '有检查项未填写', en: 'some items are not answered' },
  unknown_items: { zh: '有不在检查表中或重复的项', en: 'items not on the checklist, or answered twice' },
  not_above_target: { zh: '须是检查对象所在区域或其上级', en: "must be the place's area or above it" },
  none_in_area: { zh: '该区域内没有这类对象', en: 'none of this kind in the area' },
  too_long: { zh: '期间太长', en: 'too long a period' },
  // Field work (fieldwork module).
  area_range: { zh: '面积须大于 0 且在合理范围内', en: 'must be more than 0 and believable' },
  // Vaccination outreach (vaccination module).
  before_birth: { zh: '不能早于出生日期', en: 'cannot be before the date of birth' },
  not_after_last: { zh: '须晚于上一剂的接种日期', en: 'must be after the last dose' },
  after_session: { zh: '不能晚于接种场次结束时间', en: 'cannot be after the session ends' },
  bands_incomplete: { zh: '60 岁以上、80 岁以上两个年龄段须各列一次', en: 'the 60+ and 80+ bands must each be listed once' },
  bands_order: { zh: '80 岁以上年龄段的起始年龄须高于 60 岁以上年龄段', en: 'the 80+ band must start at an older age than the 60+ band' },
  interval_short: { zh: '两剂间隔不能少于 7 天', en: 'doses must be at least 7 days apart' },
  // Work addressed to a command group (command module).
  one_assignee: { zh: '只能指定一个承办对象', en: 'name one assignee only' },
  outside_group: { zh: '不在该工作组负责的区域内', en: "outside the group's area" },
  stood_down: { zh: '该工作组已撤销', en: 'the group has stood down' },
};

function issueText(issue: Record<string, unknown>, lang: Lang, fallback?: string): string {
  const code = String(issue.code);
  if (code === 'invalid_type' && issue.input === undefined) return FIELD_TEXT.required[lang];
  if (code === 'too_small' && typeof issue.minimum !== 'undefined') {
    return lang === 'zh' ? `不能少于 ${issue.minimum}` : `must be at least ${issue.minimum}`;
  }
  if (code === 'too_big' && typeof issue.maximum !== 'undefined') {
    return lang === 'zh' ? `不能多于 ${issue.maximum}` : `must be at most ${issue.maximum}`;
  }
  if (code === 'custom' && fallback && FIELD_TEXT[fallback]) return FIELD_TEXT[fallback][lang];
  return FIELD_TEXT[code]?.[lang] ?? fallback ?? code;
}
