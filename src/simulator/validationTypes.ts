/** Shape of the generated request schemas (kept apart so the runtime never imports the spec loader). */
export interface GeneratedRequestSchema {
  body?: unknown;
  bodyRequired: boolean;
  query: { name: string; type: string; required: boolean }[];
}
