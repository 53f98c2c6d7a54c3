/** Links into the Fabric portal. */
export function workspaceUrl(id: string): string {
  return `https://app.fabric.microsoft.com/groups/${id}`;
}
