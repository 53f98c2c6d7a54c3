/**
 * Start a simulator for a test file and, after the file's tests, validate every
 * exchange it handled against the official spec: any violation fails the file.
 * Other suites can do the same with `useSimulator` or set SIM_CONTRACT_LOG and
 * call `checkContractLog` from __tests__/support/contract.
 */
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator';
import { ContractChecker } from '../../support/contract';

export function useSimulator(
  options: SimulatorOptions = {},
  { contract = true } = {},
): () => RunningSimulator {
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ recordExchanges: true, ...options });
  });
  afterAll(async () => {
    if (!sim) return;
    await sim.close();
    if (contract) await expectContract(sim);
  });
  return () => sim!;
}

export async function expectContract(sim: RunningSimulator): Promise<void> {
  const checker = await ContractChecker.create();
  const violations = checker.checkAll(sim.exchanges);
  if (violations.length)
    throw new Error(
      `contract violations:\n${violations.map((v) => `  ${v.exchange}: ${v.problem}`).join('\n')}`,
    );
  expect(sim.exchanges.length).toBeGreaterThan(0);
}
