/**
 * In-process masking, on top of whatever the CI host does: hosts run their own output through this so a
 * secret is hidden even where no runner masks it (CLI, local runs, tests).
 */
export class Masker {
  private readonly values = new Set<string>();

  /**
   * Registers a value and each of its lines; returns the new single-line pieces for the host's own masking
   * (runners mask line by line, and Azure Pipelines refuses a multi-line secret).
   */
  add(value: string | undefined): string[] {
    if (!value) return [];
    const pieces = [value, ...value.split(/\r?\n/)].map((v) => v.trim()).filter((v) => v.length >= 4);
    const added: string[] = [];
    for (const p of pieces) {
      if (!this.values.has(p)) {
        this.values.add(p);
        if (!/[\r\n]/.test(p)) added.push(p);
      }
    }
    return added;
  }

  mask(text: string): string {
    if (this.values.size === 0) return text;
    let out = text;
    // Longest first, so a secret that contains another is hidden whole.
    for (const v of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(v)) out = out.split(v).join('***');
    }
    return out;
  }
}
