// The process one scenario runs in: `node --conditions=@catalog/source scenario-child.ts <id> <options-json>`,
// started by run-scenario.ts with an IPC channel; sends back { rows } or { error }.
import { SCENARIOS, type ScenarioOptions } from './scenario.ts';

// A signal ends the process through exit(), so exit handlers stop every process it started.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(130));

const [id, optionsJson] = process.argv.slice(2);
const scenario = SCENARIOS.find((s) => s.id === id);
const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
try {
  if (!scenario) throw new Error(`unknown scenario "${id}"`);
  if (!process.send) throw new Error('scenario-child.ts must be started with an IPC channel (run-scenario.ts)');
  const options = JSON.parse(optionsJson ?? '{}') as ScenarioOptions;
  const module = await scenario.load();
  const rows = await module.run(options);
  await send({ rows });
  process.exit(0);
} catch (error) {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.send) await send({ error: message });
  else console.error(message);
  process.exit(1);
}
