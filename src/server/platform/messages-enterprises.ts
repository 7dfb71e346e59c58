/**
 * Messages of the enterprises module (复工复产, ENTERPRISES_), kept apart so messages.ts stays readable; spread into
 * MESSAGES like the emergency modules' messages.
 */
export const ENTERPRISE_MESSAGES: Record<string, { zh: string; en: string }> = {
  ENTERPRISES_CREDIT_CODE: { zh: '统一社会信用代码不正确：{why}', en: 'The unified social credit code is wrong: {why}' },
  ENTERPRISES_CREDIT_CODE_TAKEN: { zh: '该统一社会信用代码已登记', en: 'An enterprise with this credit code is already registered' },
  ENTERPRISES_CADRE_OUTSIDE: {
    zh: '包保干部须是企业所在区域或其上级的工作人员',
    en: "The cadre in charge must work in the enterprise's area or above it",
  },
  ENTERPRISES_DOCUMENT_KIND: {
    zh: '只能上传 PDF、Word（.docx）文件或图片（JPEG、PNG）',
    en: 'Only a PDF, a Word (.docx) file or a picture (JPEG, PNG) can be uploaded',
  },
  ENTERPRISES_DOCUMENT_TOO_LARGE: { zh: '文件超过 {mb} MB', en: 'The file is larger than {mb} MB' },
  ENTERPRISES_CANNOT_APPLY: {
    zh: '企业当前状态（{status}）不能申请复工',
    en: 'The enterprise cannot apply to resume in its current state ({status})',
  },
  ENTERPRISES_PLANS_MISSING: { zh: '请先上传防控方案和应急预案', en: 'Upload the prevention plan and the emergency plan first' },
  ENTERPRISES_SELF_CHECK: { zh: '“六到位”未全部落实：{items}', en: 'Not all of the six are in place: {items}' },
  ENTERPRISES_NOT_YOUR_STEP: {
    zh: '该申请正在{step}审核，您所在的层级不能办理',
    en: 'The application is at the {step} step, which your level does not decide',
  },
  ENTERPRISES_REASON_REQUIRED: { zh: '不同意时请填写理由，企业会看到它', en: 'Give the reason for refusing: the enterprise is told it' },
  ENTERPRISES_APPLICATION_CLOSED: { zh: '该申请已办结', en: 'The application is already decided' },
  ENTERPRISES_LEDGER_FUTURE: { zh: '不能填报未来日期的台账', en: 'A ledger cannot be for a day in the future' },
  ENTERPRISES_LEDGER_COUNTS: { zh: '体温异常人数不能多于在岗人数', en: 'More abnormal temperatures than staff present' },
  ENTERPRISES_STAFF_HEADERS: {
    zh: '找不到表头：需要“姓名”和“身份证号”两列',
    en: 'No header row found: the columns 姓名 (name) and 身份证号 (ID number) are needed',
  },
  ENTERPRISES_STAFF_ROWS: {
    zh: '有 {count} 行不正确，名单未导入。第 {row} 行：{first}',
    en: '{count} rows are wrong; nothing was imported. Row {row}: {first}',
  },
  ENTERPRISES_STAFF_TOO_MANY: { zh: '名单超过 {max} 行', en: 'The list has more than {max} rows' },
};
