import { VpcRegion } from '@huaweicloud/huaweicloud-sdk-vpc/v3/VpcRegion';

/**
 * The regions of the official SDK's VpcRegion (@huaweicloud/huaweicloud-sdk-vpc, v3/VpcRegion.js), an authority
 * independent of the node's own list.
 */
export const SDK_REGIONS = Object.values(
	(VpcRegion as unknown as { REGION_MAP: Record<string, { id: string; endpoints: string[] }> }).REGION_MAP,
);
