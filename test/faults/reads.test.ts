/** The fault matrix's reads, Get and Get Many (see matrix.ts): one test per cell, named after it; a failure lists the invariants it broke. */
import { shutDownEngine } from '../helpers/engine';
import { cellsOf, OPERATIONS, runCell } from './matrix';

afterAll(() => shutDownEngine());

test.each(cellsOf(OPERATIONS.reads))('%s', async (_name, cell) => {
	expect(await runCell(cell)).toEqual([]);
});
