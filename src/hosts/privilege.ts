/** How a host escalates: run as the login user, through an RBAC profile, or through sudo. */
export type Privilege = 'none' | 'pfexec' | 'sudo';
