/** The libbe property naming a global-zone BE (on rpool/ROOT/<be>). */
export const BE_UUID_PROP = 'org.opensolaris.libbe:uuid';
/** On a zone BE: the uuid of the global-zone BE that owns it. */
export const PARENT_BE_PROP = 'org.opensolaris.libbe:parentbe';
/** On a zone BE: whether it is the one its zone boots (per owning GZ BE). */
export const ZBE_ACTIVE_PROP = 'org.opensolaris.libbe:active';

export const BE_ROOT = 'rpool/ROOT';
