/** The command center's standing bodies (指挥部的常设机构) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { ApartmentOutlined } from '@ant-design/icons';
import type { ModuleDef } from './modules';

export const COMMAND_PAGES: ModuleDef[] = [
  {
    path: '/command/groups',
    labelKey: 'nav.commandGroups',
    icon: <ApartmentOutlined />,
    permission: 'command.read',
    component: lazyPage(() => import('../modules/command/GroupsPage')),
  },
  {
    path: '/command/groups/:id',
    labelKey: 'nav.commandGroup',
    icon: <ApartmentOutlined />,
    permission: 'command.read',
    component: lazyPage(() => import('../modules/command/GroupPage')),
    inMenu: false,
  },
];
