/**
 * Messages of the modules that run the emergency's own work — help requests (HELP_), supplies and donations
 * (SUPPLIES_), risk zones and sealed estates (ZONE_) — kept apart so messages.ts stays readable; spread into
 * MESSAGES, so `message(code)` and the both-languages test see them like any other.
 */
export const EMERGENCY_MESSAGES: Record<string, { zh: string; en: string }> = {
  HELP_UNREACHABLE: {
    zh: '无法登记：没有联系电话，也没有匹配到登记在册的居民，办好后无法联系到求助人。请填写电话或选择居民',
    en: 'Cannot be recorded: there is no phone and no registered resident, so nobody could reach the person. Give a phone or pick a resident',
  },
  HELP_KIND_UNKNOWN: { zh: '求助类别不在当前流程中', en: 'This kind of request is not in the pipelines in force' },
  HELP_TIER_UNKNOWN: { zh: '紧急程度不在当前分级中，可选：{tiers}', en: 'This urgency is not one of the tiers in force: {tiers}' },
  HELP_TIER_REQUIRED: { zh: '这一步需要标注紧急程度', en: 'This step sets the urgency: choose a tier' },
  HELP_STEP_MOVED: { zh: '该求助已不在这一步（现在：{step}），请刷新后再办', en: 'The request is no longer at this step (now: {step}); reload and try again' },
  HELP_STEP_ROLE: { zh: '这一步由“{role}”办理，您没有该角色', en: 'This step is done by the role "{role}", which you do not hold' },
  HELP_OPTION_UNKNOWN: { zh: '这一步没有此选项', en: 'This step has no such option' },
  HELP_REASON_REQUIRED: { zh: '请填写原因，它会告知求助人', en: 'Give the reason: the person is told it' },
  HELP_NOT_OPEN: { zh: '该求助已办结，不能再更改', en: 'The request is closed and cannot change' },
  HELP_WRONG_STATE: { zh: '该求助当前状态（{status}）不能这样办理', en: 'The request cannot do this in its current state ({status})' },
  HELP_DELIVERER_UNKNOWN: {
    zh: '没有可派送的人：该户无联系党员，本区域也没有有账号的志愿者；或所选的人不能服务该地',
    en: 'Nobody to deliver: no linked party member, no volunteer with an account here, or the person named cannot serve this place',
  },
  HELP_NOT_DELIVERER: { zh: '只有被派送的人可以登记送达', en: 'Only the assigned deliverer records the delivery' },
  HELP_PROOF_REQUIRED: { zh: '需要送达凭证：拍照，或请求助人念出取件码', en: 'Proof of delivery is needed: a photo, or the code the recipient reads out' },
  HELP_CODE_LOCKED: {
    zh: '取件码已错 {max} 次，不能再用取件码，请拍照作为送达凭证',
    en: 'The code was wrong {max} times and can no longer be used; take a photo as proof of delivery',
  },
  HELP_CODE_WRONG: { zh: '取件码不对，请求助人再念一遍', en: 'The code does not match; ask the recipient to read it again' },
  HELP_TRANSFER_REACH: { zh: '不能转给您管辖范围以外的单位', en: 'The request cannot be handed to an office outside your reach' },
  HELP_TRANSFER_SAME: { zh: '不能转给本来办理的单位', en: 'The request is already with that office' },
  HELP_TRANSFER_PENDING: { zh: '已有一个转办等待对方接收', en: 'A transfer is already waiting for the other office' },
  HELP_NO_TRANSFER: { zh: '没有待接收的转办', en: 'There is no transfer waiting' },
  HELP_ALREADY_FOLLOWED: { zh: '已经回访过', en: 'The follow-up call is already recorded' },
  OUTREACH_NOT_TODAY: { zh: '只能记录今天的关怀电话（这条是 {day} 的）', en: "Only today's care calls can be recorded (this one is of {day})" },
  OUTREACH_ALREADY_CALLED: { zh: '这通关怀电话已由 {by} 记录过了', en: 'This care call was already recorded by {by}' },
  HOTLINE_HEADERS: {
    zh: '找不到表头：12345 工单表至少要有“工单号”和“诉求内容”两列',
    en: 'No header row found: the hotline list needs at least a case-number column and a request-text column',
  },
  HOTLINE_TOO_MANY: { zh: '一次最多导入 {max} 条工单，请分批导入', en: 'At most {max} cases per import: split the list' },
  HOTLINE_ROWS: { zh: '{count} 行有问题，未导入任何工单。第 {row} 行：{first}', en: '{count} rows have problems; nothing was imported. Row {row}: {first}' },
  HELP_RECEIPT_REQUIRED: { zh: '垫付了钱款，请拍下小票或收据', en: 'Cash was advanced: add a photo of the receipt' },
  HELP_NO_ADVANCE: { zh: '这件求助没有垫付款', en: 'Nothing was advanced for this request' },
  HELP_ADVANCE_SETTLED: { zh: '这笔垫付款已经报销过了', en: 'This advance was already paid back' },
  TASK_NEEDS_OUTREACH_OUTCOME: {
    zh: '关怀电话请在“主动关怀”名单上记录结果（平安、有需求、未接通或拒绝）',
    en: "Record a care call's outcome on the care list (well, needs help, not reached or declined)",
  },
  HELP_RANGE: { zh: '日期范围不对：开始不能晚于结束，最长 92 天', en: 'Wrong date range: the start cannot come after the end, at most 92 days' },
  SUPPLIES_SHORT: { zh: '库存不足，未发放：{what}', en: 'Not enough in stock, nothing issued: {what}' },
  SUPPLIES_EXPIRY: { zh: '有效期不能早于入库日期（{receivedOn}）', en: 'An expiry cannot be before the day the goods are received ({receivedOn})' },
  SUPPLIES_STORE_OUT_OF_REACH: { zh: '调入仓库不存在或不在您的管辖范围内', en: 'The receiving store does not exist or is outside your reach' },
  SUPPLIES_ITEM_EXISTS: { zh: '“{name}”已存在', en: '"{name}" already exists' },
  SUPPLIES_POLICY_ROOT: {
    zh: '低库存预警规则全域通用，只能由全域账号修改',
    en: 'The low-stock rule is deployment-wide: only an account scoped to the whole deployment may change it',
  },
  NO_ZONE_POLICY: { zh: '{on} 没有生效的风险区规则', en: 'No risk-zone rules are in force on {on}' },
  ZONE_LEVEL: {
    zh: '风险等级“{level}”不在现行规则（{set}）中，可选：{levels}',
    en: 'The level "{level}" is not in the rules in force ({set}); choose one of: {levels}',
  },
  ZONE_EXISTS: { zh: '“{area}”已是{level}，请在该区域页面调整等级', en: '"{area}" is already a zone ({level}); change its level on its page' },
  ZONE_START_FUTURE: {
    zh: '开始日期不能晚于 {latest}（今天起 {days} 天内）',
    en: 'The start cannot be later than {latest} (within {days} days of today)',
  },
  ZONE_START_BEFORE: {
    zh: '开始日期不能早于该区域已有记录的 {existing}',
    en: 'The start cannot be before {existing}, the latest record this area already has',
  },
  ZONE_START_PAST: { zh: '开始日期不能早于 {earliest}（补录最多 {days} 天）', en: 'The start cannot be before {earliest} (at most {days} days back)' },
  ZONE_NOT_STRICTER: {
    zh: '只能调高到比“{level}”更严格的等级；降级请按解除规则办理',
    en: 'A raise must be stricter than "{level}"; lowering goes through the lifting rules',
  },
  ZONE_CHANGED: { zh: '该风险区刚被他人调整，请刷新后再试', en: 'Someone changed this zone just now; reload and try again' },
  ZONE_CLIENT_ID_REUSED: {
    zh: '这条记录的编号已用于另一户或另一个区域，请重新填写',
    en: 'This record id was already used for another household or zone; start a new form',
  },
  ZONE_DELIVERY_PROOF: { zh: '发放需有签收照片或签收人姓名', en: 'A delivery needs a signature photo or the recipient’s name' },
  ZONE_RESPONSE_ORDER: { zh: '响应时间不能早于求助时间', en: 'The response cannot come before the request' },
  ZONE_GREEN_ANSWERED: { zh: '这条绿色通道求助已记录响应', en: 'This green-channel request already has its response' },
  ZONE_PROBLEM_CLOSED: { zh: '该问题已办结', en: 'This problem is already closed' },
  ZONE_LIFTED: { zh: '该风险区已解除', en: 'This zone has already been lifted' },
  TRACING_ASSIST_HEADERS: {
    zh: '找不到表头：协查回复表至少要有“协查编号”和“协查结果”两列（请在导出的协查表上填写后传回）',
    en: 'No header row found: the assist answer needs a reference column and a result column (fill in the exported assist sheet and send it back)',
  },
  TRACING_ASSIST_TOO_MANY: { zh: '一次最多导入 {max} 条协查回复，请分批导入', en: 'At most {max} answers per file: split it' },
  TRACING_ASSIST_ROWS: {
    zh: '{count} 行有问题，未导入任何回复。第 {row} 行：{first}',
    en: '{count} rows have problems; nothing was imported. Row {row}: {first}',
  },
  ZONE_LIFT_BLOCKED: { zh: '不能解除或降级：规则“{rule}”未满足——{reason}', en: 'Cannot lower or lift: the rule "{rule}" is not met — {reason}' },
};
