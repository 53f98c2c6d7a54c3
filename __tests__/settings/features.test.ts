import { resolveFeatures } from '../../src/settings/features';
import { ConfigError } from '../../src/errors';

describe('feature flags: defaults < config < FEATURE_USE_* < features input; production forces', () => {
  it('has the documented defaults', () => {
    expect(resolveFeatures({ env: {}, production: false })).toEqual({
      retry: true,
      circuitBreaker: true,
      rollback: true,
      telemetry: false,
      keyVault: false,
      healthChecks: false,
      // Off as in fabric-cicd (enable_shortcut_publish is opt-in), and not forced by production.
      shortcuts: false,
    });
  });

  it('lets the environment override the config and the input override both', () => {
    const f = resolveFeatures({
      config: { telemetry: true, retry: false },
      env: { FEATURE_USE_TELEMETRY: 'false', FEATURE_USE_RETRY_LOGIC: 'true' },
      input: 'telemetry,-circuit-breaker',
      production: false,
    });
    expect(f).toMatchObject({ telemetry: true, retry: true, circuitBreaker: false });
  });

  it("keeps the seeds' variable names working", () => {
    const f = resolveFeatures({
      env: { FEATURE_USE_AZURE_KEYVAULT: 'true', FEATURE_USE_ROLLBACK: '0' },
      production: false,
    });
    expect(f).toMatchObject({ keyVault: true, rollback: false });
  });

  it('refuses an unknown feature name with the list', () => {
    expect(() => resolveFeatures({ env: {}, input: 'retry,turbo', production: false })).toThrow(
      /unknown feature 'turbo'.*/,
    );
    try {
      resolveFeatures({ env: {}, input: 'turbo', production: false });
    } catch (e) {
      expect((e as ConfigError).fix).toMatch(/retry, circuit-breaker, rollback, telemetry, key-vault/);
    }
  });

  it('refuses a FEATURE_USE_* value that is not a boolean', () => {
    expect(() => resolveFeatures({ env: { FEATURE_USE_RETRY_LOGIC: 'maybe' }, production: false })).toThrow(
      /FEATURE_USE_RETRY_LOGIC/,
    );
  });

  it('production forces retry, breaker, rollback, telemetry, Key Vault and health checks on', () => {
    expect(resolveFeatures({ env: {}, production: true })).toEqual({
      retry: true,
      circuitBreaker: true,
      rollback: true,
      telemetry: true,
      keyVault: true,
      healthChecks: true,
      shortcuts: false,
    });
  });

  it('production refuses an explicit attempt to turn a forced feature off, naming where it came from', () => {
    expect(() => resolveFeatures({ env: {}, input: '-rollback', production: true })).toThrow(
      /production profile requires rollback, but '-rollback' in the features input/,
    );
    expect(() => resolveFeatures({ env: { FEATURE_USE_TELEMETRY: 'false' }, production: true })).toThrow(
      /FEATURE_USE_TELEMETRY=false/,
    );
    expect(() => resolveFeatures({ config: { circuitBreaker: false }, env: {}, production: true })).toThrow(
      /features.circuitBreaker: false/,
    );
  });
});
