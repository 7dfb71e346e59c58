/**
 * The field work's policy as first seeded (migration 0044's `fieldwork_policy` row; a test compares them):
 * the terminal job's deadline after a case, the largest area one job can believably cover, the kinds of
 * publicity and the campaign templates (五包五讲五到户, from the sources).
 */
export interface FieldworkPolicy {
  terminalDeadlineHours: number;
  maxJobAreaM2: number;
  publicityKinds: { code: string; zh: string; en: string }[];
  campaignTemplates: { code: string; name: string; items: { code: string; text: string }[] }[];
}

export const DEFAULT_FIELDWORK_POLICY: FieldworkPolicy = {
  terminalDeadlineHours: 24,
  maxJobAreaM2: 500_000,
  publicityKinds: [
    { code: 'banner', zh: '横幅', en: 'Banners' },
    { code: 'poster', zh: '标语、海报', en: 'Posters' },
    { code: 'leaflet', zh: '明白纸、传单', en: 'Leaflets' },
    { code: 'loudspeaker', zh: '村级大喇叭', en: 'Loudspeakers' },
    { code: 'mobile_speaker', zh: '流动音箱', en: 'Mobile speakers' },
    { code: 'van', zh: '宣传车', en: 'Publicity vans' },
    { code: 'broadcast', zh: '广播', en: 'Broadcasts' },
    { code: 'wechat', zh: '微信推送', en: 'WeChat pushes' },
  ],
  campaignTemplates: [
    {
      code: 'wubao',
      name: '五包五讲五到户',
      items: [
        { code: 'talk_situation', text: '讲疫情形势' },
        { code: 'talk_protection', text: '讲防护知识' },
        { code: 'talk_policy', text: '讲政策要求' },
        { code: 'talk_medical', text: '讲就医流程' },
        { code: 'talk_vaccine', text: '讲疫苗接种' },
        { code: 'leaflet_home', text: '明白纸发放到户' },
        { code: 'contact_card', text: '联系卡张贴到户' },
        { code: 'roster_home', text: '人员信息核实到户' },
        { code: 'needs_home', text: '困难需求摸排到户' },
        { code: 'sign_home', text: '承诺书签字到户' },
      ],
    },
  ],
};
