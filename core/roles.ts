// Who may do what: the roles of users and the kinds of devices, and the groups that socket
// commands (core/protocol.ts commandRoles) and REST routes (server/http/require-role.ts) allow.
export const ROLES = ['officer', 'manager', 'admin'] as const;
export type UserRole = (typeof ROLES)[number];
export const DEVICE_KINDS = ['kiosk', 'display', 'rating', 'printer'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export type PrincipalRole = UserRole | DeviceKind;

/** Who may do what, in groups: the socket commands below and the REST routes (requireRole) both use it. */
export const ROLE_GROUPS = {
  anyone: ['officer', 'manager', 'admin', 'kiosk', 'display', 'rating', 'printer'],
  staff: ['officer', 'manager', 'admin'],
  managers: ['manager', 'admin'],
  admins: ['admin'],
  kiosks: ['kiosk'],
  kiosksAndStaff: ['kiosk', 'officer', 'manager', 'admin'],
  ratingPads: ['rating'],
} as const satisfies Record<string, readonly PrincipalRole[]>;
