/**
 * Messages of the command groups (专班 / 工作组, COMMAND_) as addressees of work, kept apart so messages.ts stays
 * readable; spread into MESSAGES like the other modules' messages.
 */
export const COMMAND_MESSAGES: Record<string, { zh: string; en: string }> = {
  COMMAND_GROUP_STOOD_DOWN: { zh: '“{group}”已撤销，不能再交办工作', en: '"{group}" has stood down; no new work can be addressed to it' },
  COMMAND_GROUP_OUTSIDE: {
    zh: '该工作不在“{group}”负责的区域内',
    en: 'This work lies outside the area "{group}" is responsible for',
  },
};
