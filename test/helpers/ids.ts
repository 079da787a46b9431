/** Made-up resource IDs in the UUID form the API takes, `…-000000000000`, `…-000000000001` and so on. */
export const uuids = (count: number): string[] =>
	Array.from({ length: count }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);

/** An ID no resource has. */
export const MISSING_ID = uuids(1)[0];

/** Port IDs that are not the fixture session's source, for adding and removing sources. */
export const MORE_PORT_IDS = ['2f2b6f5e-1f0f-4d6c-9a7e-0c4e2f3b1a01', '3a3c7a6f-2a1f-4e7d-8b8f-1d5f3a4c2b02'];
