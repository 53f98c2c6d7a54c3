import path from 'node:path';

/**
 * The path an annotation names, relative to the checkout when the file is inside it: GitHub and Azure
 * DevOps attach an annotation to a file of the pull request only by its path from the repository root.
 */
export function checkoutRelative(file: string, checkout: string | undefined): string {
  if (!checkout || !path.isAbsolute(file)) return file;
  const rel = path.relative(checkout, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
