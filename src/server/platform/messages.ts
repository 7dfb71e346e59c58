import { EMERGENCY_MESSAGES } from './messages-emergency';
import { FIELDWORK_MESSAGES } from './messages-fieldwork';
import { VACCINATION_MESSAGES } from './messages-vaccination';
import { ENTERPRISE_MESSAGES } from './messages-enterprises';
import { COMMAND_MESSAGES } from './messages-command';
/**
 * Error messages by code, in Chinese and English. `{name}` placeholders are filled from the error's params.
 * Every DomainError code must have an entry here (a unit test checks it).
 */
export type Lang = 'zh' | 'en';

export const MESSAGES: Record<string, { zh: string; en: string }> = {
  ...EMERGENCY_MESSAGES,
  ...FIELDWORK_MESSAGES,
  ...VACCINATION_MESSAGES,
  ...ENTERPRISE_MESSAGES,
  ...COMMAND_MESSAGES,
  VALIDATION_FAILED: { zh: '提交的内容有误，请检查标出的字段', en: 'Some fields are not valid; please check them' },
  INVALID_JSON: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  BAD_REQUEST: { zh: '请求无效', en: 'Bad request' },
  INVALID_UTF8: { zh: '请求内容不是有效的 UTF-8 文本，请检查文件或输入的编码', en: 'The request is not valid UTF-8 text; check the encoding of what was sent' },
  INVALID_CHARACTERS: {
    zh: '“{field}”含有不能保存的字符（如空字符 U+0000），请删去后重试',
    en: '"{field}" contains a character that cannot be stored (such as U+0000); remove it and try again',
  },
  BODY_NOT_EXPECTED: { zh: '此操作不接受请求内容', en: 'This action takes no request body' },
  INVALID_VALUE: { zh: '提交的某个值超出了允许的范围', en: 'A value sent is outside what can be stored' },
  UNAUTHENTICATED: { zh: '请先登录，或登录已过期', en: 'Please sign in; your session may have expired' },
  BAD_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_DISABLED: { zh: '该账号已停用，请联系管理员', en: 'This account is disabled; contact an administrator' },
  LOGIN_WAIT: { zh: '尝试次数过多，请 {seconds} 秒后再试', en: 'Too many attempts; try again in {seconds} seconds' },
  PASSWORD_CHANGE_REQUIRED: { zh: '请先修改密码', en: 'Change your password first' },
  OWN_PASSWORD_RESET: {
    zh: '不能在这里重置自己的密码，请在“修改密码”中输入当前密码后修改',
    en: 'You cannot reset your own password here; use “Change password” with your current password',
  },
  SAME_PASSWORD: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
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
  ID_NUMBER_TAKEN_ELSEWHERE: {
    zh: '该证件号码已在您管辖范围以外登记，同一证件号只能对应一个人；如需迁入请联系上级协调',
    en: 'This ID number is already registered outside your area; one number belongs to one person. Ask the level above to arrange a move',
  },
  PROPOSAL_DECIDED: { zh: '这条名册变更已经处理过了', en: 'This roster change has already been decided' },
  MOVE_BEFORE_STAY: { zh: '迁移日期不能早于当前居住开始日期 {since}', en: 'The move cannot be dated before the current stay began ({since})' },
  CANNOT_MERGE: { zh: '不能合并：{reason}', en: 'Cannot merge: {reason}' },
  ALREADY_DISMISSED: { zh: '这两条记录已标记为不同的人', en: 'These two records are already marked as different people' },
  IMPORT_NO_FILE: { zh: '请选择要上传的文件', en: 'Choose a file to upload' },
  IMPORT_TOO_LARGE: { zh: '文件超过 {mb} MB 的上限，请分成几个文件上传', en: 'The file is over the {mb} MB limit; split it into several files' },
  IMPORT_EMPTY: { zh: '文件是空的', en: 'The file is empty' },
  PHOTO_NOT_IMAGE: { zh: '这不是照片，请拍照或选择 JPEG、PNG、WebP 图片', en: 'This is not a photo; take one or choose a JPEG, PNG or WebP image' },
  PHOTO_TOO_LARGE: { zh: '照片超过 {mb} MB 的上限', en: 'The photo is over the {mb} MB limit' },
  PHOTO_TOO_MANY: {
    zh: '您有 {max} 张照片尚未用于任何记录，请先提交或等一天后再拍',
    en: 'You have {max} photos not yet used in any record; submit them or wait a day',
  },
  PHOTO_UNKNOWN: {
    zh: '照片不存在、已被使用，或不是您上传的，请重新拍照',
    en: 'A photo does not exist, is already used, or was not uploaded by you; take it again',
  },
  IMPORT_NOT_SPREADSHEET: { zh: '这不是表格文件，请上传 .xlsx 或 .csv 文件', en: 'This is not a spreadsheet; upload an .xlsx or .csv file' },
  IMPORT_ENCRYPTED: {
    zh: '文件设有打开密码，请在 Excel 中取消密码、另存后再上传',
    en: 'The file is password-protected; remove the password in Excel, save and upload again',
  },
  IMPORT_OLD_XLS: {
    zh: '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后上传',
    en: 'This is an old Excel (.xls) file; use "Save as" .xlsx in Excel and upload that',
  },
  IMPORT_BROKEN: { zh: '文件已损坏或不完整，无法读取{where}', en: 'The file is damaged or incomplete and cannot be read{where}' },
  IMPORT_UNPACKS_TOO_BIG: {
    zh: '表格解压后过大（超出服务器可读取的上限），无法读取；请删去多余的工作表、格式或空行，或分成几个文件上传',
    en: 'The spreadsheet is too large once unpacked for the server to read; remove extra sheets, formatting or empty rows, or split it into several files',
  },
  IMPORT_ONE_AT_A_TIME: {
    zh: '您已有一个表格正在导入，请等它完成后再上传或导入下一个',
    en: 'One of your spreadsheet imports is still running; wait for it to finish before starting the next',
  },
  EXPORT_ONE_AT_A_TIME: {
    zh: '您已有一个导出正在生成，请等它下载完成后再导出下一个',
    en: 'One of your exports is still being written; wait for its download to finish before starting the next',
  },
  IMPORT_NO_SHEET: { zh: '文件中找不到工作表“{sheet}”', en: 'The file has no sheet named "{sheet}"' },
  IMPORT_NO_DATA: { zh: '表格中没有数据', en: 'The sheet has no data' },
  IMPORT_NAME_NOT_MAPPED: { zh: '请指定哪一列是“姓名”', en: 'Choose the column that holds the name' },
  IMPORT_FIELD_TWICE: { zh: '“{field}”对应了不止一列', en: '"{field}" is chosen for more than one column' },
  IMPORT_UNKNOWN_HEADER: { zh: '文件中没有“{header}”这一列', en: 'The file has no column "{header}"' },
  IMPORT_BUSY: { zh: '这次导入正在处理中，请等它完成', en: 'This import is still being processed; wait for it to finish' },
  IMPORT_FINISHED: { zh: '这次导入已经完成；如需再次导入请重新上传文件', en: 'This import has finished; upload the file again to import it again' },
  IMPORT_NOT_VALIDATED: { zh: '请先校验文件，再导入', en: 'Validate the file before importing it' },
  IMPORT_HAS_ERRORS: {
    zh: '有 {rows} 行有错误，不能整体导入；请修正后重新上传，或选择“只导入正确的行”',
    en: '{rows} rows have errors, so the file cannot be imported as a whole; fix them and upload again, or import only the valid rows',
  },
  IMPORT_FILE_GONE: { zh: '上传的文件已按保留期限删除，请重新上传', en: 'The uploaded file has been deleted after its retention period; upload it again' },
  EXPORT_TOO_MANY: {
    zh: '符合条件的有 {count} 人以上，一次最多导出 {max} 人，请缩小范围',
    en: 'More than {count} residents match; at most {max} can be exported at once, narrow the filter',
  },
  VOLUNTEER_TAKEN: {
    zh: '该证件号码已登记为“{area}”的志愿者，同一证件号只能对应一名志愿者',
    en: 'This ID number is already registered as a volunteer in "{area}"; one number belongs to one volunteer',
  },
  VOLUNTEER_HAS_ACCOUNT: { zh: '该志愿者已有账号', en: 'This volunteer already has an account' },
  ENLIST_ALREADY_APPROVED: {
    zh: '您已在“{name}”报到并通过审批，无需重复提交',
    en: 'Your enlistment at "{name}" has already been approved; there is no need to submit again',
  },
  ENLIST_NOT_PENDING: { zh: '这份报到申请已经处理过了', en: 'This enlistment has already been decided' },
  ORG_CLOSED: { zh: '“{name}”已撤销', en: '"{name}" has been closed' },
  ORG_NOT_TEMPORARY: { zh: '只有临时党支部可以撤销；“{name}”不是临时党支部', en: 'Only a temporary branch can be closed; "{name}" is not one' },
  TEAM_IN_USE: {
    zh: '“{name}”已有派驻、分队、岗位或任务记录，不能删除；请改为解散（记录会保留）',
    en: '"{name}" has deployments, sub-squads, posts or tasks on record and cannot be deleted; disband it instead (the record is kept)',
  },
  ORG_PARENT_OUTSIDE: {
    zh: '“{name}”隶属于您管辖范围以外的上级组织，其隶属关系只能由上级调整',
    en: '"{name}" belongs to a parent organisation outside your area; only that level can move it',
  },
  VOLUNTEER_EXPORT_TOO_MANY: { zh: '一次最多导出 {max} 名志愿者，请缩小范围', en: 'At most {max} volunteers can be exported at once; narrow the filter' },
  DEPLOYMENT_CANCELLED: { zh: '这次派驻已经取消', en: 'This deployment has already been cancelled' },
  TASK_CLOSED: { zh: '这项任务已经完成或已标记为无法完成', en: 'This task is already done or marked as not possible' },
  TASK_NEEDS_VISIT: {
    zh: '入户走访任务只能由走访结果关闭：请记录走访、无人在家或拒绝入户',
    en: 'A visit task is closed only by its visit: record the visit, nobody home, or a refusal',
  },
  TASK_NEEDS_REINSPECTION: {
    zh: '整改任务在整改单上办理：责任单位附照片上报整改完成，只有复查通过才能关闭',
    en: 'Rectification is worked on its order: the unit reports it done with photos, and only a re-inspection closes it',
  },
  MEASURE_STATE: { zh: '该管控措施当前为“{state}”状态，不能{action}', en: 'This measure is {state}; it cannot be {action}' },
  MEASURE_DATES: { zh: '结束日期不能早于开始日期 {startsOn} 或今天', en: 'The end date cannot be before the start ({startsOn}) or today' },
  MEASURE_OPEN: { zh: '该居民已有进行中的管控措施', en: 'This resident already has a measure in progress' },
  ROOM_FULL: { zh: '房间 {room} 已满', en: 'Room {room} is full' },
  FOLLOW_UP_DONE: { zh: '这次随访已经记录过了', en: 'This follow-up has already been recorded' },
  FOLLOW_UP_CANCELLED: { zh: '这次随访已取消', en: 'This follow-up has been cancelled' },
  ALERT_RESOLVED: { zh: '该发热预警已经处置', en: 'This fever alert has already been resolved' },
  TRACING_CLASSIFICATION: {
    zh: '病例分类“{code}”不在现行政策（{set}）中，请从列表中选择',
    en: 'The case classification "{code}" is not in the policy in force ({set}); pick one from the list',
  },
  TRACING_CASE_DATES: {
    zh: '日期顺序不可能：检测日期不能晚于报告日期，发病、检测、报告和隔离日期都不能晚于今天（{today}）',
    en: 'These dates cannot be: the test cannot come after the report, and no date may be after today ({today})',
  },
  TRACING_CHAIN_TOO_LARGE: {
    zh: '这条传播链有 {count} 人，超过一次能画出的 {max} 人，请按日期或区域缩小范围',
    en: 'This chain has {count} people, more than the {max} one drawing can show; narrow it by dates or area',
  },
  TRACING_CASE_EXISTS: { zh: '此人已有流调病例，请打开该病例修改', en: 'This person already has a case; open it to change it' },
  TRACING_WINDOW_ORDER: {
    zh: '第 {rows} 行的结束时间早于开始时间，请改正后再提交',
    en: 'Row {rows}: the window ends before it starts; correct it and submit again',
  },
  TRACING_LEVEL_NOT_IDENTIFIED: {
    zh: '现行政策（{set}）不判定这一接触者类别：{levels}',
    en: 'The policy in force ({set}) does not identify this contact level: {levels}',
  },
  NO_POLICY: { zh: '{on} 没有生效的管控政策', en: 'No control policy is in force on {on}' },
  // ——— inspections (督导检查 · 整改) ———
  INSPECTIONS_CHECKLIST_ROOT: {
    zh: '检查表全域通用，只能由最上级的管理员修改',
    en: 'Checklists apply everywhere; only an administrator at the top of the tree may change them',
  },
  INSPECTIONS_CHECKLIST_EMPTY: { zh: '检查表至少要有一个检查项', en: 'A checklist needs at least one item' },
  INSPECTIONS_CHECKLIST_WEIGHT: { zh: '第 {items} 项的分值必须大于 0', en: 'Item {items}: the weight must be more than 0' },
  INSPECTIONS_CHECKLIST_CODE_TWICE: { zh: '第 {items} 项的编号与前面的项重复', en: 'Item {items}: the code repeats an earlier item' },
  INSPECTIONS_CHECKLIST_PASS_SCORE: { zh: '合格分必须在 0 到 100 之间', en: 'The pass mark must be between 0 and 100' },
  INSPECTIONS_CHECKLIST_RACE: { zh: '有人刚刚保存了这张检查表，请刷新后再改', en: 'Someone has just saved this checklist; reload and edit again' },
  INSPECTIONS_NO_CHECKLIST: { zh: '这类检查对象还没有检查表', en: 'There is no checklist for this kind of place yet' },
  INSPECTIONS_NOT_A_VILLAGE: { zh: '“{name}”不是村或社区，不能作为村级检查对象', en: '"{name}" is not a village or community' },
  INSPECTIONS_PLAN_DATES: { zh: '计划的结束日期早于开始日期', en: 'The plan ends before it starts' },
  INSPECTIONS_NO_CANDIDATES: { zh: '“{area}”下没有这类检查对象，无法抽查', en: 'There is no place of this kind in "{area}" to draw from' },
  INSPECTIONS_PLAN_MODE: {
    zh: '检查方式与所选计划不符（计划检查或随机抽查）',
    en: 'The kind of inspection does not match the plan (planned or drawn at random)',
  },
  INSPECTIONS_NOT_IN_PLAN: { zh: '该对象不在计划“{plan}”的名单中', en: 'This place is not on the plan "{plan}"' },
  INSPECTIONS_ITEMS_MISSING: { zh: '还有检查项未填写：{items}', en: 'Some items are not answered: {items}' },
  INSPECTIONS_ITEMS_UNKNOWN: { zh: '检查项不在现行检查表中或重复填写：{items}', en: 'Items not on the checklist in force, or answered twice: {items}' },
  INSPECTIONS_PHOTO_REQUIRED: { zh: '不合格项必须附照片：{items}', en: 'A failed item needs a photo: {items}' },
  INSPECTIONS_FUTURE: { zh: '检查时间不能晚于现在', en: 'The inspection cannot be in the future' },
  INSPECTIONS_UNIT_OUTSIDE: { zh: '整改责任单位必须是“{target}”所在区域或其上级', en: 'The unit responsible must be the area of "{target}" or above it' },
  INSPECTIONS_ORDER_CLOSED: { zh: '该整改单已经复查关闭', en: 'This rectification order is already closed by a re-inspection' },
  INSPECTIONS_ORDER_REPORTED: { zh: '该整改单已上报整改完成，等待复查', en: 'This order is already reported done and waits for its re-inspection' },
  INSPECTIONS_REPORT_PHOTO: { zh: '上报整改完成必须附整改后的照片', en: 'Reporting an order done needs a photo of the fix' },
  INSPECTIONS_SELF_REINSPECT: {
    zh: '上报整改完成的人不能复查自己的整改，请由督导人员复查',
    en: 'Whoever reported the fix cannot re-inspect it; an inspector must',
  },
  INSPECTIONS_PERIOD: {
    zh: '统计期间有误：结束日期不能早于开始日期，且不超过 {days} 天',
    en: 'The period is wrong: it cannot end before it starts or last more than {days} days',
  },
  RISK_IMPORT_ROOT: {
    zh: '风险地区名单全域通用，只能由全域（最高层级）账号导入',
    en: 'The risk-area list is deployment-wide: only an account scoped to the whole deployment may import it',
  },
  RISK_IMPORT_ROWS: {
    zh: '{count} 行有误，未导入任何一行。第 {row} 行：{first}',
    en: '{count} rows have problems, so nothing was imported. Row {row}: {first}',
  },
  RISK_IMPORT_HEADERS: {
    zh: '找不到表头：需要“风险等级”列，以及“区划代码”或“地区名称”列（另有“开始日期”“结束日期”）',
    en: 'No header row found: the file needs a "level" column and a "division code" or "name" column (and "from" / "to" dates)',
  },
  RISK_IMPORT_TOO_MANY: { zh: '名单超过 {max} 行，请分批导入', en: 'The list has more than {max} rows; import it in parts' },
  CAMPAIGN_EMPTY: { zh: '“{area}”下没有登记的户，无法发起敲门行动', en: 'There are no registered households under "{area}" to screen' },
  CAMPAIGN_CLOSED: { zh: '敲门行动“{name}”已结束', en: 'The screening campaign "{name}" is closed' },
  VISIT_ID_REUSED: {
    zh: '这条走访记录的编号已用于另一户或另一次行动，请重新填写',
    en: 'This visit id was already used for another household or campaign; start a new form',
  },
  POLICY_ROOT_ONLY: {
    zh: '管控政策为全辖区共用，只有最高一级的管理员可以编辑',
    en: 'Control policies are deployment-wide; only an administrator at the top of the tree may edit them',
  },
  LIFECYCLE_ROOT_ONLY: {
    zh: '数据保留期限和清除记录为全辖区共用，只有最高一级的管理员可以查看和操作',
    en: 'Retention periods and destruction records are deployment-wide; only an administrator at the top of the tree may use them',
  },
  AUDIT_POLICY_ROOT_ONLY: {
    zh: '个人信息查看监测的阈值和统计为全辖区共用，只有最高一级的管理员可以查看和修改',
    en: 'The disclosures threshold and its figures are deployment-wide; only an administrator at the top of the tree may use them',
  },
  RETENTION_PREVIEW_CHANGED: {
    zh: '预览后数据有变化（预览 {{shown}} 条，现在 {{now}} 条），请重新预览后再确认',
    en: 'The data changed since the preview ({{shown}} rows shown, {{now}} now); preview again before confirming',
  },
  HOLD_ALREADY_RELEASED: { zh: '这项保全已经解除', en: 'This legal hold was already released' },
  DATA_REQUEST_ALREADY_ANSWERED: { zh: '这项申请已经答复', en: 'This request was already answered' },
  POLICY_PUBLISHED: { zh: '已发布的政策不能修改；请复制为新版本', en: 'A published policy cannot be changed; copy it into a new version' },
  POLICY_DATES: {
    zh: '生效日期 {effectiveFrom} 不能早于今天，也不能早于现行政策的生效日期 {previousFrom}',
    en: 'The effective date {effectiveFrom} cannot be before today or before the current policy took effect ({previousFrom})',
  },
  POLICY_RULE_CODES: { zh: '规则编码“{code}”重复', en: 'The rule code "{code}" is used twice' },
  REPORT_AREA_KIND: {
    zh: '日报按村（社区）及以上区域统计，请选择村、乡镇或县',
    en: 'Daily reports are for a village (community) or above; pick a village, town or county',
  },
  REPORT_NOT_VILLAGE: { zh: '只有村（社区）的日报可以上报或退回', en: 'Only a village (community) report is submitted or reopened' },
  REPORT_FUTURE: { zh: '{day} 还没有到，不能查看或上报', en: '{day} has not come yet' },
  REPORT_LOCKED: { zh: '{day} 的日报已上报并锁定；如需修改请由上级退回', en: 'The report of {day} is submitted and locked; the level above can reopen it' },
  REPORT_NOT_SUBMITTED: { zh: '{day} 的日报尚未上报，无需退回', en: 'The report of {day} has not been submitted; there is nothing to reopen' },
  REPORT_REOPEN_LEVEL: { zh: '只有上级（乡镇或县）可以退回村里的日报', en: "Only the level above (town or county) can reopen a village's report" },
  ROUND_STATE: { zh: '该轮核酸检测当前为“{status}”，不能这样变更', en: 'This testing round is {status}; it cannot change that way' },
  ROUND_NOT_OPEN: { zh: '该轮核酸检测未开始或已结束（{status}）', en: 'This testing round is not open ({status})' },
  POINT_NAME_TAKEN: { zh: '本轮已有名为“{name}”的采样点', en: 'This round already has a sampling point named "{name}"' },
  TUBE_BARCODE: { zh: '“{barcode}”不是采样管条码，请扫描管身上的条码', en: '"{barcode}" is not a tube barcode; scan the barcode on the tube' },
  TUBE_USED: { zh: '采样管 {barcode} 已经使用过（{point}，{at}），请换一支新管', en: 'Tube {barcode} has been used before ({point}, {at}); take a new tube' },
  TUBE_NOT_OPEN: { zh: '采样管 {barcode} 已封管或已装箱', en: 'Tube {barcode} is closed or boxed' },
  TUBE_EMPTY: { zh: '采样管 {barcode} 还没有绑定任何人，不能封管', en: 'Tube {barcode} has nobody in it yet; it cannot be closed' },
  TUBE_FULL: { zh: '采样管 {barcode} 已满（剩余 {left} 人），请换管', en: 'Tube {barcode} is full ({left} places left); take a new tube' },
  ID_NUMBER_INVALID: { zh: '证件号码校验不通过，请核对后重新扫描或输入', en: 'The ID number does not check out; scan or type it again' },
  PERSON_NOT_REGISTERED: {
    zh: '台账中找不到此人（或不在您的管辖范围内），请先登记',
    en: 'This person is not in the registry (or not in your area); register them first',
  },
  BINDING_REMOVED: { zh: '这条采样登记已经撤销', en: 'This sample registration has already been removed' },
  BOX_CODE_TAKEN: { zh: '本轮已有转运箱 {code}', en: 'This round already has a transport box {code}' },
  BOX_HANDED_OVER: { zh: '转运箱 {code} 已交接，不能再变动', en: 'Box {code} has been handed over and cannot change' },
  BOX_TUBES: {
    zh: '有 {count} 支管不能装箱（不存在、未封管或已在其他箱中），见标出的条码',
    en: '{count} tubes cannot go in the box (unknown, still open or in another box); see the barcodes marked',
  },
  BOX_COUNT_MISMATCH: {
    zh: '数量不符：箱内登记 {expected} 支，清点 {counted} 支，请核对后再交接',
    en: 'Counts differ: {expected} tubes registered in the box, {counted} counted; check before handing over',
  },
  EXEMPTION_RULE: { zh: '本轮不接受这项免检：{problem}', en: 'This round does not accept this exemption: {problem}' },
  EXEMPTION_EXISTS: { zh: '此人本轮已登记免检', en: 'This person is already exempt in this round' },
  SLOT_PLAN_EXISTS: {
    zh: '该采样点已有保存的错峰方案（{savedAt}）；如需重新生成请确认替换',
    en: 'This point already has a saved slot plan ({savedAt}); confirm to replace it',
  },
  SLOT_PLAN_NONE: { zh: '该采样点还没有保存错峰方案，请先保存', en: 'This point has no saved slot plan yet; save one first' },
  SLOT_PLAN_STALE: { zh: '方案已被 {by} 修改，请刷新后再改', en: 'The plan was changed by {by} in the meantime; reload and edit again' },
  SLOT_NOT_FOUND: { zh: '第 {n} 项修改：方案中没有时段 {slot}', en: 'Change {n}: the plan has no slot {slot}' },
  SLOT_UNIT_NOT_FOUND: { zh: '第 {n} 项修改：时段 {slot} 中没有这个楼栋或网格', en: 'Change {n}: this building or grid is not in the slot {slot}' },
  SLOT_TIMES: {
    zh: '第 {n} 项修改：时段 {start}–{end} 无效，须在采样点开放时间 {opensAt}–{closesAt} 之内且结束晚于开始',
    en: 'Change {n}: the slot {start}–{end} must end after it starts and lie within the opening hours {opensAt}–{closesAt}',
  },
  SLOT_OVERLAP: { zh: '第 {n} 项修改：时段 {start}–{end} 与时段 {other} 重叠', en: 'Change {n}: the slot {start}–{end} overlaps the slot {other}' },
  // ——— checkpoints (卡点) ———
  POST_CLOSED: {
    zh: '卡点“{post}”在 {day} 未开放，不能登记或排班',
    en: 'The checkpoint "{post}" is not open on {day}; nothing can be recorded or rostered there',
  },
  SHIFT_OVERLAP: {
    zh: '{name} 在 {day} 的 {shift} 已安排在“{post}”值班，同一时间不能安排在两处',
    en: '{name} is already on duty at "{post}" on {day} ({shift}); one person cannot be in two places at once',
  },
  ROSTER_FILL_RUNNING: {
    zh: '“{area}”的排班正在自动生成中，请等这一次完成后再试',
    en: 'A roster fill for "{area}" is already running; wait until it finishes, then try again',
  },
  SHIFT_CHECKED_IN: { zh: '{name} 已到岗签到，不能取消这个班次', en: '{name} has already checked in; this shift cannot be taken away' },
  SHIFT_STARTED: {
    zh: '“{post}” {day} 的{shift}已经开始，不能再申请换班或请假，请直接联系带班干部',
    en: 'The shift {shift} at "{post}" on {day} has already started; it can no longer be swapped or taken as leave — call the cadre in charge',
  },
  ROSTER_REQUEST_DUPLICATE: {
    zh: '这个班次已有一份待处理的换班或请假申请（编号 {id}），请等它处理完或先撤回',
    en: 'This shift already has a swap or leave request waiting (no. {id}); wait for it to be dealt with, or withdraw it first',
  },
  ROSTER_REQUEST_STATE: {
    zh: '这份申请已处理或当前不能这样办理，请刷新后查看最新状态',
    en: 'This request has been dealt with, or cannot be handled this way now; refresh to see where it stands',
  },
  ROSTER_REQUEST_OWN: { zh: '不能审批自己提出的换班或请假申请', en: 'You cannot approve or refuse your own swap or leave request' },
  ROSTER_REQUEST_STALE: {
    zh: '申请提交后这个班次已被调整或已签到，申请无法执行，请驳回后重新申请',
    en: 'The shift was changed or checked in after the request was made; it cannot be carried out — refuse it and ask again',
  },
  NO_SHIFTS_IN_RANGE: { zh: '{from} 至 {to} 您没有排班，无需请假', en: 'You have no shifts from {from} to {to}; there is nothing to take leave from' },
  SHIFT_CODE_TWICE: { zh: '班次代号“{code}”重复了', en: 'The shift code "{code}" is used twice' },
  SHIFTS_NOT_COVERED: {
    zh: '全天开放的卡点须 24 小时有人值守，以下时段没有班次：{gaps}',
    en: 'A checkpoint open around the clock must be covered for 24 hours; no shift covers {gaps}',
  },
  CHECKPOINT_CODE_UNKNOWN: { zh: '这不是本系统的卡点二维码', en: 'This is not a checkpoint QR code of this system' },
  NO_SHIFT_NOW: { zh: '您现在在“{post}”没有班次，无法签到', en: 'You have no shift at "{post}" now; you cannot check in' },
  PLATE_FORMAT: {
    zh: '车牌“{plate}”格式不正确：应为省份简称 + 字母 + 5 位字母或数字（新能源车 6 位）',
    en: 'The plate "{plate}" is not valid: a province abbreviation, a letter, then 5 letters or digits (6 for new-energy vehicles)',
  },
  SUPPLY_PASS_REQUIRED: { zh: '保供车辆须填写通行证编号', en: 'A supply vehicle needs its pass number' },
  TEMPERATURE_RANGE: {
    zh: '体温 {value}℃ 不在 {min}–{max}℃ 之间，请重新测量',
    en: 'A temperature of {value} °C is outside {min}–{max} °C; please measure again',
  },
  DECISION_TOO_MILD: { zh: '按政策应为“{policy}”，只能选择更严格的处置', en: 'The policy says "{policy}"; only a stricter decision may be chosen' },
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
