export interface Vnic {
  link: string;
  over: string;
  /** As dladm prints it: lowercase hex, no leading zeros (`2:8:20:a:b:c`). */
  mac: string;
}
