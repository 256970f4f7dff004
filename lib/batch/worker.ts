/** The worker-thread entry of the batch pool (piscina): one case per task. */
import { runCase } from './case.js';

export = runCase;
