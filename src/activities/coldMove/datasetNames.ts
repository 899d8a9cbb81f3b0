import { InvalidArgumentError } from '../../solaris/parseError';

/** Where a source dataset lands: its last component under the target parent. */
export function targetNameFor(source: string, targetParent: string): string {
  return `${targetParent}/${source.slice(source.lastIndexOf('/') + 1)}`;
}

/** The parent of a dataset; a pool's root dataset has none, and is refused rather than cut short. */
export function parentOf(dataset: string): string {
  const slash = dataset.lastIndexOf('/');
  if (slash < 0) throw new InvalidArgumentError(`${dataset} is a pool's root dataset: it has no parent`);
  return dataset.slice(0, slash);
}
