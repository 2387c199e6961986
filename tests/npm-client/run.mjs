// Runs the real npm wandb client (@wandb/sdk, pinned in package.json) against WANDB_BASE_URL.
// usage: WANDB_BASE_URL=http://127.0.0.1:PORT WANDB_API_KEY=<40 chars> WANDB_MODE=online node run.mjs
// Parameters (env): WORB_NPM_PROJECT (p-npm), WORB_NPM_NAME (npm-run), WORB_NPM_STEPS (100),
// WORB_NPM_CONFIG (JSON object, default {"lr":0.1,"optimizer":"sgd"}), WORB_NPM_WAIT_MS (3000, a pause before
// the last step so at least one periodic file_stream POST happens).
// Prints "RUN <id>" after init and "FINISHED <id>" at the end; exits non-zero on any error.
import wandb from '@wandb/sdk';

const project = process.env.WORB_NPM_PROJECT || 'p-npm';
const name = process.env.WORB_NPM_NAME || 'npm-run';
const steps = Number.parseInt(process.env.WORB_NPM_STEPS || '100', 10);
const config = JSON.parse(process.env.WORB_NPM_CONFIG || '{"lr":0.1,"optimizer":"sgd"}');
const waitMs = Number.parseInt(process.env.WORB_NPM_WAIT_MS || '3000', 10);

const run = await wandb.init({ project, name, config });
console.log('RUN %s entity=%s project=%s name=%s', run.id, run.entity, run.project, run.name);
for (let i = 0; i < steps; i++) {
  wandb.log({ loss: 1 / (i + 1), acc: i / steps });
}
await new Promise((resolve) => setTimeout(resolve, waitMs));
wandb.log({ loss: 0.001 }, steps, false); // explicit step, commit=false
wandb.log({ acc: 1.0 }, steps);           // same step, committed: one merged row
await wandb.finish();
console.log('FINISHED %s', run.id);
