/** RPC paths of a StackerDB (libstackerdb `stackerdb_get_*_path`); the issuer is rendered as a c32 address. */
import { c32addressEncode } from '../address/c32.ts';
import type { ContractPrincipal } from '../clarity/types.ts';

function base(contractId: ContractPrincipal): string {
  return `/v2/stackerdb/${c32addressEncode(contractId.version, contractId.hash160)}/${contractId.contractName}`;
}

/** `GET /v2/stackerdb/{address}/{name}`: the slot metadata listing. */
export function stackerDBMetadataPath(contractId: ContractPrincipal): string {
  return base(contractId);
}

/** `GET /v2/stackerdb/{address}/{name}/{slot}[/{version}]`: one chunk, latest when `slotVersion` is omitted. */
export function stackerDBChunkPath(contractId: ContractPrincipal, slotId: number, slotVersion?: number): string {
  return slotVersion === undefined ? `${base(contractId)}/${slotId}` : `${base(contractId)}/${slotId}/${slotVersion}`;
}

/** `POST /v2/stackerdb/{address}/{name}/chunks`: where chunks are written. */
export function stackerDBPostChunkPath(contractId: ContractPrincipal): string {
  return `${base(contractId)}/chunks`;
}
