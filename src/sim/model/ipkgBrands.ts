/**
 * OmniOS's ipkg-family brands. `lipkg` runs the ipkg scripts (omniosorg/pkg5
 * src/brand/lipkg/config.xml: `<attach>/usr/lib/brand/ipkg/attach %z %R</attach>`); `sparse` has
 * its own attach and detach, the ipkg ones plus overlay datasets.
 */
export const IPKG_BRANDS = ['ipkg', 'lipkg', 'sparse'];

/**
 * The sparse brand's overlays (omniosorg/pkg5 src/brand/sparse/common.ksh `overlays`): a dataset
 * under the active ZBE and where it is mounted in the zone root.
 */
export const SPARSE_OVERLAYS: readonly { dataset: string; mountpoint: string }[] = [
  { dataset: 'svc', mountpoint: 'lib/svc' },
  { dataset: 'fm', mountpoint: 'usr/lib/fm' },
];
