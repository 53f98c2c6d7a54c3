/**
 * Typical server-side durations of a create/update per item type, from a recorded real deployment
 * (shared/README.md). Used only to order work: the scheduler starts the longest remaining chain first.
 */
const TYPICAL_MS: Record<string, number> = {
  Notebook: 1000,
  Report: 1200,
  MLExperiment: 1900,
  Environment: 3300,
  Map: 3600,
  VariableLibrary: 4400,
  SparkJobDefinition: 10100,
  Warehouse: 12300,
  SemanticModel: 13100,
  SQLDatabase: 18500,
  Eventstream: 19800,
  KQLDatabase: 30000,
  Ontology: 61000,
};
const MEDIAN_MS = 9700;

export function expectedItemMs(type: string): number {
  return TYPICAL_MS[type] ?? MEDIAN_MS;
}
