/**
 * fabric-cicd `parameter.yml`: load (load.ts, entries.ts, reader.ts), the variables of its values
 * (variables.ts), find_replace (find-replace.ts), key_value_replace (key-value.ts) and which entry applies
 * where (selection.ts). The vocabulary is in model.ts.
 */
export * from './model';
export { loadParameterFile, parameterFileProblems } from './load';
export { parseDynamicVariable } from './variables';
export { applyFindReplace, compileFindRegex } from './find-replace';
export { applyKeyValue, jsonPathError, jsonPathNodes } from './key-value';
export { connectionBinding, entryApplies, isEmptyValue, sparkPoolEntry, valueFor } from './selection';
