/**
 * Messages of the field work module (消杀 · 宣传, FIELDWORK_), kept apart so messages.ts stays readable; spread into
 * MESSAGES, so `message(code)` and the both-languages test see them like any other.
 */
export const FIELDWORK_MESSAGES: Record<string, { zh: string; en: string }> = {
  FIELDWORK_AFTER_PHOTO: {
    zh: '终末消杀必须附消杀后的照片，才能登记完成',
    en: 'A terminal disinfection needs a photo taken after it before it can be recorded done',
  },
  FIELDWORK_AREA_RANGE: {
    zh: '消杀面积须大于 0 平方米，且一次不超过 {max} 平方米',
    en: 'The area disinfected must be more than 0 m² and at most {max} m² for one job',
  },
  FIELDWORK_FUTURE: { zh: '时间不能晚于现在', en: 'The time cannot be in the future' },
  TASK_NEEDS_DISINFECTION_RECORD: {
    zh: '消杀任务在消杀登记中办理：填写消杀面积、附照片后自动完成',
    en: 'A disinfection task is done by recording the job, with its area and photos; the task then closes by itself',
  },
  FIELDWORK_JOB_DONE: { zh: '该消杀任务已登记完成', en: 'This disinfection job is already recorded done' },
  FIELDWORK_TEAM: {
    zh: '请选择消杀队伍，或填写队伍名称（二者选一）',
    en: 'Choose the team that disinfected, or give its name (one of the two)',
  },
  FIELDWORK_PLACE_OUTSIDE: { zh: '“{place}”不在本轮消杀的区域内', en: '"{place}" is not inside the round’s area' },
  FIELDWORK_ROUND_TOO_BIG: {
    zh: '一轮最多 500 个消杀任务（现为 {n} 个），请减少场所或日期',
    en: 'A round holds at most 500 jobs ({n} asked); choose fewer places or dates',
  },
  FIELDWORK_RANGE: { zh: '日期范围不对：开始不能晚于结束，最长 92 天', en: 'Wrong date range: the start cannot come after the end, at most 92 days' },
  FIELDWORK_KIND_UNKNOWN: { zh: '宣传类别不在现行目录中，可选：{kinds}', en: 'This kind of publicity is not in the list in force: {kinds}' },
  FIELDWORK_NOT_VILLAGE: { zh: '宣传品按村（社区）登记，请选择村或社区', en: 'Publicity is recorded per village: choose a village or community' },
  FIELDWORK_PUBLICITY_PHOTO: { zh: '请拍一张宣传品的照片', en: 'Take a photo of the publicity placed' },
  FIELDWORK_CHECKLIST_EMPTY: { zh: '入户清单不能为空，每项的代码不能重复', en: 'The household checklist cannot be empty, and no item code may repeat' },
  FIELDWORK_ITEM_UNKNOWN: { zh: '不在本次宣传清单中的项：{items}', en: 'Items not on this campaign’s checklist: {items}' },
  FIELDWORK_CAMPAIGN_CLOSED: {
    zh: '本次宣传活动在 {from} 至 {to} 进行，今天不能登记',
    en: 'This campaign runs from {from} to {to}; nothing can be recorded today',
  },
};
