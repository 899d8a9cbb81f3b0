/** The libbe property naming a global-zone BE (on rpool/ROOT/<be>). */
export const BE_UUID_PROP = 'org.opensolaris.libbe:uuid';
/** On a zone BE: the uuid of the global-zone BE that owns it. */
export const PARENT_BE_PROP = 'org.opensolaris.libbe:parentbe';
/** On a zone BE: whether it is the one its zone boots (per owning GZ BE). */
export const ZBE_ACTIVE_PROP = 'org.opensolaris.libbe:active';
/**
 * On a zone BE extracted from an archive: the GZBE it was extracted for. Source: Solaris 11.0
 * usr/src/lib/brand/solaris/zone/common.ksh (PROP_CANDIDATE).
 */
export const ZBE_CANDIDATE_PROP = 'com.oracle.zoneadm:candidate_zbe';
/**
 * Set to `on` on `<zonepath ds>/rpool` when a ZBE is activated. Source: Solaris 11.0
 * usr/src/lib/brand/solaris/zone/common.ksh set_active_be (PROP_BE_HANDLE).
 */
export const BE_HANDLE_PROP = 'com.oracle.libbe:nbe_handle';

export const BE_ROOT = 'rpool/ROOT';
