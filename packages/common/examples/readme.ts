import { MAINNET, epochAtHeight, hexToBytes, bytesToHex } from '@stacks-ts/common';

console.log(epochAtHeight(MAINNET, 900_000).epochId); // => Epoch31
console.log(MAINNET.peerVersion.toString(16)); // => 1800000e
console.log(bytesToHex(hexToBytes('0xCAFE'))); // => cafe
