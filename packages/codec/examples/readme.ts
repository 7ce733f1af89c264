import {
  Cl,
  c32addressDecode,
  createSinglesigSpendingCondition,
  createTransaction,
  decodeClarityValue,
  decodeTransaction,
  encodeClarityValue,
  encodeTransaction,
  parsePrincipal,
  publicKeyFromPrivate,
  signTransaction,
  tokenTransferMemo,
  txid,
  verifyTransactionAuth,
} from '@stacks-ts/codec';
import { bytesToHex, hexToBytes } from '@stacks-ts/common';

// Build and sign an STX transfer (a 33-byte key ending in 01 signs with a compressed public key).
const key = hexToBytes('edf9aee84d9b7abc145504dde6726c64f369d37ee34ded868fabd876c26570bc01');
const unsigned = createTransaction({
  network: 'mainnet',
  payload: {
    type: 'tokenTransfer',
    recipient: parsePrincipal('SP3FGQ8Z7JY9BWYZ5WM53E0M9NK7WHJF0691NZ159'),
    amount: 12345n,
    memo: tokenTransferMemo('test memo'),
  },
  origin: createSinglesigSpendingCondition({ publicKey: publicKeyFromPrivate(key), nonce: 0n, fee: 0n }),
});
const bytes = encodeTransaction(signTransaction(unsigned, key));
console.log(bytes.length); // => 180
// The same bytes as the stacks.js builder vector "Make STX token transfer with set tx fee":
const expected =
  '0000000001040015c31b8c1c11c515e244b75806bac48d1399c7750000000000000000000000000000000000008b316d56e35b3b8d03ab3b9dbe05eb44d64c53e7ba3c468f9a78c82a13f2174c32facb0f29faeb21075ec933db935ebc28a8793cc60e14b8ee4ef05f52c94016030200000000000516df0ba3e79792be7be5e50a370289accfc8c9e032000000000000303974657374206d656d6f00000000000000000000000000000000000000000000000000';
console.log(bytesToHex(bytes) === expected); // => true
console.log(txid(decodeTransaction(bytes))); // => 84cccb05f4bd0e1b08905ef1f1350ad635a6474448310548bdccfa04e0121bab
console.log(verifyTransactionAuth(decodeTransaction(bytes)).ok); // => true

// A tampered fee fails verification with a reason instead of throwing.
const tampered = bytes.slice();
tampered[42] ^= 1; // the last byte of the fee
console.log(verifyTransactionAuth(decodeTransaction(tampered)).ok); // => false

// c32 addresses and Clarity values (SIP-005 consensus bytes, tuple keys sorted).
console.log(c32addressDecode('SP3FGQ8Z7JY9BWYZ5WM53E0M9NK7WHJF0691NZ159').version); // => 22
const value = Cl.tuple({ b: Cl.some(Cl.stringAscii('hi')), a: Cl.uint(1) });
const encoded = encodeClarityValue(value);
console.log(bytesToHex(encoded)); // => 0c000000020161010000000000000000000000000000000101620a0d000000026869
console.log(decodeClarityValue(encoded).type); // => tuple
