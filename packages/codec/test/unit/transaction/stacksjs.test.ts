// Differential check against @stacks/transactions: the same builder inputs give the same signed
// bytes, and each side verifies/decodes the other's output.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cl, makeContractCall, makeSTXTokenTransfer } from '@stacks/transactions';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';
import { c32addressDecode, c32addressEncode } from '../../../src/address/c32.ts';
import { publicKeyFromPrivate } from '../../../src/crypto/secp256k1.ts';
import { createSinglesigSpendingCondition, createTransaction, tokenTransferMemo } from '../../../src/transaction/build.ts';
import { signTransaction } from '../../../src/transaction/sign.ts';
import { decodeTransaction, encodeTransaction, txid } from '../../../src/transaction/transaction.ts';
import { verifyTransactionAuth } from '../../../src/transaction/verify.ts';

const arbKey = fc
  .tuple(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean())
  .filter(([k]) => k.some((b) => b !== 0) && k[0]! < 0xf0)
  .map(([k, compressed]) => (compressed ? Uint8Array.of(...k, 1) : k));

describe('differential: @stacks/transactions', () => {
  it('signs STX transfers to the same bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbKey,
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.bigInt({ min: 0n, max: 10n ** 6n }),
        fc.stringMatching(/^[a-zA-Z0-9 ]{0,34}$/),
        fc.boolean(),
        async (key, recipientHash, amount, fee, nonce, memo, mainnet) => {
          const recipient = c32addressEncode(mainnet ? 22 : 26, recipientHash);
          const theirs = await makeSTXTokenTransfer({
            recipient,
            amount,
            fee,
            nonce,
            memo,
            senderKey: bytesToHex(key),
            network: mainnet ? 'mainnet' : 'testnet',
          });
          const ours = signTransaction(
            createTransaction({
              payload: {
                type: 'tokenTransfer',
                recipient: { type: 'standard', ...c32addressDecode(recipient) },
                amount,
                memo: tokenTransferMemo(memo),
              },
              origin: createSinglesigSpendingCondition({ publicKey: publicKeyFromPrivate(key), nonce, fee }),
              network: mainnet ? 'mainnet' : 'testnet',
            }),
            key,
          );
          expect(bytesToHex(encodeTransaction(ours))).toBe(theirs.serialize());
          expect(txid(ours)).toBe(theirs.txid());
        },
      ),
      { numRuns: 25 },
    );
  });

  it('decodes and verifies stacks.js contract calls', async () => {
    const key = hexToBytes('e494f188c2d35887531ba474c433b1e41fadd8eb824aca983447fd4bb8b277a801');
    const theirs = await makeContractCall({
      contractAddress: 'ST3KC0MTNW34S1ZXD36JYKFD3JJMWA01M55DSJ4JE',
      contractName: 'kv-store',
      functionName: 'set-value',
      functionArgs: [Cl.bufferFromUtf8('foo'), Cl.tuple({ b: Cl.int(-5), a: Cl.list([Cl.uint(1), Cl.uint(2)]) }), Cl.some(Cl.stringUtf8('é'))],
      senderKey: bytesToHex(key),
      fee: 10n,
      nonce: 3n,
      network: 'testnet',
    });
    const bytes = hexToBytes(theirs.serialize());
    const tx = decodeTransaction(bytes);
    expect(encodeTransaction(tx)).toEqual(bytes);
    expect(verifyTransactionAuth(tx)).toEqual({ ok: true });
    expect(txid(tx)).toBe(theirs.txid());
  });
});
