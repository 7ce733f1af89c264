import { CommonErrorCode, StacksError } from './errors.ts';

/**
 * Stacks epochs by the reference's `StacksEpochId` names. Epoch 4.x rules (PoX-5, SIP-045) are
 * out of scope for this node; the ids are listed so that heights and peer-version bytes read from
 * the reference line up.
 */
export const StacksEpochId = {
  Epoch10: 'Epoch10',
  Epoch20: 'Epoch20',
  Epoch2_05: 'Epoch2_05',
  Epoch21: 'Epoch21',
  Epoch22: 'Epoch22',
  Epoch23: 'Epoch23',
  Epoch24: 'Epoch24',
  Epoch25: 'Epoch25',
  Epoch30: 'Epoch30',
  Epoch31: 'Epoch31',
  Epoch32: 'Epoch32',
  Epoch33: 'Epoch33',
  Epoch34: 'Epoch34',
  Epoch40: 'Epoch40',
  Epoch41: 'Epoch41',
} as const;
export type StacksEpochId = (typeof StacksEpochId)[keyof typeof StacksEpochId];

/** Epochs in activation order. */
export const EPOCH_ORDER: readonly StacksEpochId[] = Object.values(StacksEpochId);

/** Compares two epochs by activation order (negative when `a` is earlier). */
export function compareEpochs(a: StacksEpochId, b: StacksEpochId): number {
  return EPOCH_ORDER.indexOf(a) - EPOCH_ORDER.indexOf(b);
}

/** The low byte of the p2p `peer_version` announced in each epoch (`PEER_VERSION_EPOCH_*`). */
export const PEER_VERSION_EPOCH: Readonly<Record<StacksEpochId, number>> = {
  Epoch10: 0x00,
  Epoch20: 0x00,
  Epoch2_05: 0x05,
  Epoch21: 0x06,
  Epoch22: 0x07,
  Epoch23: 0x08,
  Epoch24: 0x09,
  Epoch25: 0x0a,
  Epoch30: 0x0b,
  Epoch31: 0x0c,
  Epoch32: 0x0d,
  Epoch33: 0x0e,
  Epoch34: 0x0f,
  Epoch40: 0x10,
  Epoch41: 0x11,
};

/** Transaction chain ids (`CHAIN_ID_MAINNET`, `CHAIN_ID_TESTNET`). */
export const ChainId = { Mainnet: 0x00000001, Testnet: 0x80000000 } as const;
/** Transaction version bytes. */
export const TransactionVersion = { Mainnet: 0x00, Testnet: 0x80 } as const;
/** p2p preamble network ids (`NETWORK_ID_MAINNET`, `NETWORK_ID_TESTNET`). */
export const PeerNetworkId = { Mainnet: 0x17000000, Testnet: 0xff000000 } as const;
/** High bytes of the p2p `peer_version` (`PEER_VERSION_MAINNET_MAJOR`, `PEER_VERSION_TESTNET_MAJOR`). */
export const PeerVersionMajor = { Mainnet: 0x18000000, Testnet: 0xfacade00 } as const;
/** c32 address versions. */
export const AddressVersion = {
  MainnetSingleSig: 22,
  MainnetMultiSig: 20,
  TestnetSingleSig: 26,
  TestnetMultiSig: 21,
} as const;

/** Largest epoch end height: `STACKS_EPOCH_MAX` (i64::MAX). */
export const STACKS_EPOCH_MAX = 0x7fff_ffff_ffff_ffffn;

/** One epoch's burn-height range, start inclusive, end exclusive. */
export interface StacksEpoch {
  readonly epochId: StacksEpochId;
  readonly startHeight: bigint;
  readonly endHeight: bigint;
  /** The `peer_version` low byte for this epoch. */
  readonly networkEpoch: number;
}

/** Everything that distinguishes one Stacks network from another at the byte level. */
export interface NetworkParams {
  readonly name: 'mainnet' | 'testnet' | 'devnet';
  readonly chainId: number;
  readonly transactionVersion: number;
  readonly peerNetworkId: number;
  /** The `peer_version` this node announces (major | the highest in-scope epoch byte). */
  readonly peerVersion: number;
  readonly addressVersionSingleSig: number;
  readonly addressVersionMultiSig: number;
  /** First Bitcoin block height the Stacks chain reads. */
  readonly firstBurnchainBlockHeight: bigint;
  readonly epochs: readonly StacksEpoch[];
}

function epochList(starts: ReadonlyArray<readonly [StacksEpochId, bigint]>): StacksEpoch[] {
  return starts.map(([epochId, startHeight], i) => ({
    epochId,
    startHeight,
    endHeight: i + 1 < starts.length ? starts[i + 1]![1] : STACKS_EPOCH_MAX,
    networkEpoch: PEER_VERSION_EPOCH[epochId],
  }));
}

/** Mainnet epochs (`STACKS_EPOCHS_MAINNET`); 4.1 is unscheduled there and left out. */
const MAINNET_EPOCHS = epochList([
  ['Epoch10', 0n],
  ['Epoch20', 666_050n],
  ['Epoch2_05', 713_000n],
  ['Epoch21', 781_551n],
  ['Epoch22', 787_651n],
  ['Epoch23', 788_240n],
  ['Epoch24', 791_551n],
  ['Epoch25', 840_360n],
  ['Epoch30', 867_867n],
  ['Epoch31', 875_000n],
  ['Epoch32', 907_740n],
  ['Epoch33', 923_222n],
  ['Epoch34', 943_333n],
  ['Epoch40', 960_230n],
]);

/** Testnet epochs (`STACKS_EPOCHS_TESTNET`). */
const TESTNET_EPOCHS = epochList([
  ['Epoch10', 0n],
  ['Epoch20', 2_000_000n],
  ['Epoch2_05', 2_104_380n],
  ['Epoch21', 2_422_101n],
  ['Epoch22', 2_431_300n],
  ['Epoch23', 2_431_633n],
  ['Epoch24', 2_432_545n],
  ['Epoch25', 2_583_893n],
  ['Epoch30', 30_000_000n],
  ['Epoch31', 30_000_001n],
  ['Epoch32', 30_000_002n],
  ['Epoch33', 30_000_003n],
  ['Epoch34', 30_000_004n],
  ['Epoch40', 40_000_000n],
  ['Epoch41', 40_000_001n],
]);

/**
 * A devnet that walks through the 2.x epochs in the first few Bitcoin blocks and reaches
 * epoch 3.3 (the last in-scope epoch) at height 10, for a local chain that is Nakamoto at once.
 */
const DEVNET_EPOCHS = epochList([
  ['Epoch10', 0n],
  ['Epoch20', 0n],
  ['Epoch2_05', 1n],
  ['Epoch21', 2n],
  ['Epoch22', 3n],
  ['Epoch23', 4n],
  ['Epoch24', 5n],
  ['Epoch25', 6n],
  ['Epoch30', 7n],
  ['Epoch31', 8n],
  ['Epoch32', 9n],
  ['Epoch33', 10n],
]);

/** The epoch whose peer-version byte this node announces: 3.3, the last in-scope epoch. */
export const PEER_NETWORK_EPOCH = PEER_VERSION_EPOCH.Epoch33;

/** Mainnet parameters. */
export const MAINNET: NetworkParams = {
  name: 'mainnet',
  chainId: ChainId.Mainnet,
  transactionVersion: TransactionVersion.Mainnet,
  peerNetworkId: PeerNetworkId.Mainnet,
  peerVersion: (PeerVersionMajor.Mainnet | PEER_NETWORK_EPOCH) >>> 0,
  addressVersionSingleSig: AddressVersion.MainnetSingleSig,
  addressVersionMultiSig: AddressVersion.MainnetMultiSig,
  firstBurnchainBlockHeight: 666_050n,
  epochs: MAINNET_EPOCHS,
};

/** Testnet parameters. */
export const TESTNET: NetworkParams = {
  name: 'testnet',
  chainId: ChainId.Testnet,
  transactionVersion: TransactionVersion.Testnet,
  peerNetworkId: PeerNetworkId.Testnet,
  peerVersion: (PeerVersionMajor.Testnet | PEER_NETWORK_EPOCH) >>> 0,
  addressVersionSingleSig: AddressVersion.TestnetSingleSig,
  addressVersionMultiSig: AddressVersion.TestnetMultiSig,
  firstBurnchainBlockHeight: 2_000_000n,
  epochs: TESTNET_EPOCHS,
};

/** Devnet preset: testnet bytes (chain id, versions, network id) on a regtest-style burnchain. */
export const DEVNET: NetworkParams = {
  ...TESTNET,
  name: 'devnet',
  firstBurnchainBlockHeight: 0n,
  epochs: DEVNET_EPOCHS,
};

/** Network parameters by name. */
export function networkParams(name: string): NetworkParams {
  switch (name) {
    case 'mainnet':
      return MAINNET;
    case 'testnet':
      return TESTNET;
    case 'devnet':
      return DEVNET;
    default:
      throw new StacksError(CommonErrorCode.UnknownNetwork, `unknown network '${name}'`, { name });
  }
}

/** The epoch in force at burn height `height` on `network`. */
export function epochAtHeight(network: NetworkParams, height: bigint | number): StacksEpoch {
  const h = BigInt(height);
  for (const e of network.epochs) {
    if (h >= e.startHeight && h < e.endHeight) return e;
  }
  throw new StacksError(CommonErrorCode.UnknownEpoch, `no epoch at burn height ${h}`, { height: h });
}
