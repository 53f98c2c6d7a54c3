/** Runtime request validation (filled in from the spec; see contract.ts). */
export function validateRequest(_method: string, _template: string, _body: unknown, _query: URLSearchParams): void {}
