/** Labels shared by the enterprises pages: states' colours and dates. */
export const statusColour: Record<string, string> = { registered: 'default', applying: 'blue', resumed: 'green', suspended: 'red' };
export const applicationColour: Record<string, string> = { town_review: 'blue', county_review: 'geekblue', approved: 'green', refused: 'red' };
export const when = (iso: string | Date | null | undefined) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }).slice(0, 16) : '');
