/**
 * Messages of the vaccination outreach (VACCINATION_), kept apart so messages.ts stays readable; spread into MESSAGES,
 * so `message(code)` and the both-languages test see them like any other.
 */
export const VACCINATION_MESSAGES: Record<string, { zh: string; en: string }> = {
  VACCINATION_REASON_REQUIRED: { zh: '拒绝接种须选择原因', en: 'A refusal needs its reason' },
  VACCINATION_CONTRAINDICATION_REQUIRED: { zh: '暂缓或不宜接种须选择禁忌症', en: 'Not suitable needs the contraindication' },
  VACCINATION_DOSE_BEFORE_BIRTH: {
    zh: '接种日期早于出生日期（{birthDate}），请核对',
    en: 'The dose is dated before the person was born ({birthDate}); check the date',
  },
  VACCINATION_DOSE_IN_FUTURE: { zh: '接种日期不能晚于今天（{today}）', en: 'A dose cannot be dated after today ({today})' },
  VACCINATION_DOSE_NOT_AFTER_LAST: {
    zh: '接种日期须晚于上一剂（{lastDoseOn}）；各剂按接种先后登记',
    en: 'The dose must be dated after the last one ({lastDoseOn}); doses are recorded in the order given',
  },
  VACCINATION_NOT_SUITABLE: {
    zh: '此人有接种禁忌，已标记为不宜接种，不能登记接种',
    en: 'This person has a contraindication and is marked not suitable: no dose can be recorded',
  },
  VACCINATION_COURSE_COMPLETE: { zh: '已接种 {doses} 剂，基础免疫和加强针均已完成', en: '{doses} doses recorded: the course and its boosters are complete' },
  VACCINATION_NOT_A_VILLAGE: {
    zh: '“{name}”不是村或社区：车辆和接种场次按村安排',
    en: '"{name}" is not a village or community: vehicles and sessions belong to a village',
  },
  VACCINATION_SESSION_HOURS: { zh: '结束时间须晚于开始时间', en: 'The session must end after it starts' },
  VACCINATION_VEHICLE_TAKEN: { zh: '本村已有名为“{name}”的车辆', en: 'The village already has a vehicle named "{name}"' },
  VACCINATION_RIDE_WINDOW: { zh: '接人时段的结束不能早于开始', en: 'The pickup window cannot end before it starts' },
  VACCINATION_RIDE_AFTER_SESSION: { zh: '接人时段须在场次结束（{endsAt}）之前', en: 'The pickup window must end before the session does ({endsAt})' },
  VACCINATION_RIDE_TAKEN: { zh: '此人已预约了这一场次的接送', en: 'This person already has a ride to this session' },
};
