/** The fault matrix's Mirror Server and Stop Mirroring Server (see matrix.ts): one test per cell, named after it; a failure lists the invariants it broke. */
import { shutDownEngine } from '../helpers/engine';
import { cellsOf, OPERATIONS, runCell } from './matrix';

afterAll(() => shutDownEngine());

test.each(cellsOf(OPERATIONS.containment))('%s', async (_name, cell) => {
	expect(await runCell(cell)).toEqual([]);
});
