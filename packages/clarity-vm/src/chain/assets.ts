/**
 * The asset map of a transaction (`AssetMap`, clarity/src/vm/contexts.rs): what each principal
 * sent (STX transferred and burned, fungible token amounts, non-fungible token values), for
 * post-conditions. The reference logs exactly the sending side of each transfer and burn event,
 * so the map is built from the events a transaction kept.
 */
import { hexToBytes } from '@stacks-ts/common';
import { decodeClarityValue } from '@stacks-ts/codec';
import type { ClarityValue } from '@stacks-ts/codec';
import type { ClarityEvent } from '../eval/context.ts';

/** What each principal (by address string) sent in one transaction. */
export interface AssetMap {
  /** µSTX transferred, by sender. */
  readonly stx: ReadonlyMap<string, bigint>;
  /** µSTX burned, by sender. */
  readonly burns: ReadonlyMap<string, bigint>;
  /** Fungible token amounts sent or burned, by sender then asset identifier (`contract::token`). */
  readonly tokens: ReadonlyMap<string, ReadonlyMap<string, bigint>>;
  /** Non-fungible token values sent or burned, by sender then asset identifier. */
  readonly assets: ReadonlyMap<string, ReadonlyMap<string, readonly ClarityValue[]>>;
}

function str(data: Readonly<Record<string, unknown>>, field: string): string {
  const v = data[field];
  if (typeof v !== 'string') throw new TypeError(`event field ${field} is not a string`);
  return v;
}

function add<K>(m: Map<K, bigint>, k: K, n: bigint): void {
  m.set(k, (m.get(k) ?? 0n) + n);
}

function inner<V>(m: Map<string, Map<string, V>>, k: string): Map<string, V> {
  let x = m.get(k);
  if (x === undefined) {
    x = new Map();
    m.set(k, x);
  }
  return x;
}

/** The asset map of a transaction's kept events. */
export function assetMapOfEvents(events: readonly ClarityEvent[]): AssetMap {
  const stx = new Map<string, bigint>();
  const burns = new Map<string, bigint>();
  const tokens = new Map<string, Map<string, bigint>>();
  const assets = new Map<string, Map<string, ClarityValue[]>>();
  for (const { event, data } of events) {
    switch (event) {
      case 'stx_transfer_event':
        add(stx, str(data, 'sender'), BigInt(str(data, 'amount')));
        break;
      case 'stx_burn_event':
        add(burns, str(data, 'sender'), BigInt(str(data, 'amount')));
        break;
      case 'ft_transfer_event':
      case 'ft_burn_event':
        add(inner(tokens, str(data, 'sender')), str(data, 'asset_identifier'), BigInt(str(data, 'amount')));
        break;
      case 'nft_transfer_event':
      case 'nft_burn_event': {
        const byAsset = inner(assets, str(data, 'sender'));
        const id = str(data, 'asset_identifier');
        const list = byAsset.get(id) ?? [];
        list.push(decodeClarityValue(hexToBytes(str(data, 'raw_value').replace(/^0x/, ''))));
        byAsset.set(id, list);
        break;
      }
    }
  }
  return { stx, burns, tokens, assets };
}
