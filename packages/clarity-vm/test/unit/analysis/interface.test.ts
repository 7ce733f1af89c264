import { describe, expect, it } from 'vitest';
import { analyzeContract, buildContractInterface, contractInterfaceToJson, sortDefinitions } from '../../../src/analysis/index.ts';
import { buildAst } from '../../../src/parser/build.ts';

// The contract and the expected interface of `test_names_tokens_contracts_interface`
// (clarity/src/vm/analysis/type_checker/v2_1/tests/contracts.rs), at epoch 3.3 / Clarity 4.
const INTERFACE_TEST_CONTRACT = `
(define-constant var1 'SP000000000000000000002Q6VF78)
(define-constant var2 true)
(define-constant var3 45)

(define-data-var d-var1 bool true)
(define-data-var d-var2 int 2)
(define-data-var d-var3 (buff 5) 0xdeadbeef)

(define-map map1 { name: int } { owner: principal })
(define-map map2 { k-name-1: bool } { v-name-1: (buff 33) })
(define-map map3 { k-name-2: bool } { v-name-2: (tuple (n1 int) (n2 bool)) })

(define-private (f00 (a1 int)) true)
(define-private (f01 (a1 bool)) true)
(define-private (f02 (a1 principal)) true)
(define-private (f03 (a1 (buff 54))) true)
(define-private (f04 (a1 (tuple (t-name1 bool) (t-name2 int)))) true)
(define-private (f05 (a1 (list 7 (list 3 int)))) true)

(define-private (f06) 1)
(define-private (f07) true)
(define-private (f08) 'SP000000000000000000002Q6VF78)
(define-private (f09) 0xdeadbeef)
(define-private (f10) (tuple (tn1 true) (tn2 0) (tn3 0xff) ))
(define-private (f11) (map-get? map1 (tuple (name 0))))
(define-private (f12) (ok 3))
(define-private (f13) (err 6))
(define-private (f14) (if true (ok 1) (err 2)))
(define-private (f15) (list 1 2 3))
(define-private (f16) (list (list (list 5)) (list (list 55))))

(define-public (pub-f01) (ok 1))
(define-public (pub-f02) (ok true))
(define-public (pub-f03) (err true))
(define-public (pub-f04) (if true (ok 1) (err 2)))
(define-public (pub-f05 (a1 int)) (ok true))

(define-read-only (ro-f01) 0)
(define-read-only (ro-f02 (a1 int)) 0)
`;

const EXPECTED: unknown = {
  "functions": [
    {
      "name": "f00",
      "access": "private",
      "args": [
        {
          "name": "a1",
          "type": "int128"
        }
      ],
      "outputs": {
        "type": "bool"
      }
    },
    {
      "name": "f01",
      "access": "private",
      "args": [
        {
          "name": "a1",
          "type": "bool"
        }
      ],
      "outputs": {
        "type": "bool"
      }
    },
    {
      "name": "f02",
      "access": "private",
      "args": [
        {
          "name": "a1",
          "type": "principal"
        }
      ],
      "outputs": {
        "type": "bool"
      }
    },
    {
      "name": "f03",
      "access": "private",
      "args": [
        {
          "name": "a1",
          "type": {
            "buffer": {
              "length": 54
            }
          }
        }
      ],
      "outputs": {
        "type": "bool"
      }
    },
    {
      "name": "f04",
      "access": "private",
      "args": [
        {
          "name": "a1",
          "type": {
            "tuple": [
              {
                "name": "t-name1",
                "type": "bool"
              },
              {
                "name": "t-name2",
                "type": "int128"
              }
            ]
          }
        }
      ],
      "outputs": {
        "type": "bool"
      }
    },
    {
      "name": "f05",
      "access": "private",
      "args": [
        {
          "name": "a1",
          "type": {
            "list": {
              "type": {
                "list": {
                  "type": "int128",
                  "length": 3
                }
              },
              "length": 7
            }
          }
        }
      ],
      "outputs": {
        "type": "bool"
      }
    },
    {
      "name": "f06",
      "access": "private",
      "args": [],
      "outputs": {
        "type": "int128"
      }
    },
    {
      "name": "f07",
      "access": "private",
      "args": [],
      "outputs": {
        "type": "bool"
      }
    },
    {
      "name": "f08",
      "access": "private",
      "args": [],
      "outputs": {
        "type": "principal"
      }
    },
    {
      "name": "f09",
      "access": "private",
      "args": [],
      "outputs": {
        "type": {
          "buffer": {
            "length": 4
          }
        }
      }
    },
    {
      "name": "f10",
      "access": "private",
      "args": [],
      "outputs": {
        "type": {
          "tuple": [
            {
              "name": "tn1",
              "type": "bool"
            },
            {
              "name": "tn2",
              "type": "int128"
            },
            {
              "name": "tn3",
              "type": {
                "buffer": {
                  "length": 1
                }
              }
            }
          ]
        }
      }
    },
    {
      "name": "f11",
      "access": "private",
      "args": [],
      "outputs": {
        "type": {
          "optional": {
            "tuple": [
              {
                "name": "owner",
                "type": "principal"
              }
            ]
          }
        }
      }
    },
    {
      "name": "f12",
      "access": "private",
      "args": [],
      "outputs": {
        "type": {
          "response": {
            "ok": "int128",
            "error": "none"
          }
        }
      }
    },
    {
      "name": "f13",
      "access": "private",
      "args": [],
      "outputs": {
        "type": {
          "response": {
            "ok": "none",
            "error": "int128"
          }
        }
      }
    },
    {
      "name": "f14",
      "access": "private",
      "args": [],
      "outputs": {
        "type": {
          "response": {
            "ok": "int128",
            "error": "int128"
          }
        }
      }
    },
    {
      "name": "f15",
      "access": "private",
      "args": [],
      "outputs": {
        "type": {
          "list": {
            "type": "int128",
            "length": 3
          }
        }
      }
    },
    {
      "name": "f16",
      "access": "private",
      "args": [],
      "outputs": {
        "type": {
          "list": {
            "type": {
              "list": {
                "type": {
                  "list": {
                    "type": "int128",
                    "length": 1
                  }
                },
                "length": 1
              }
            },
            "length": 2
          }
        }
      }
    },
    {
      "name": "pub-f01",
      "access": "public",
      "args": [],
      "outputs": {
        "type": {
          "response": {
            "ok": "int128",
            "error": "none"
          }
        }
      }
    },
    {
      "name": "pub-f02",
      "access": "public",
      "args": [],
      "outputs": {
        "type": {
          "response": {
            "ok": "bool",
            "error": "none"
          }
        }
      }
    },
    {
      "name": "pub-f03",
      "access": "public",
      "args": [],
      "outputs": {
        "type": {
          "response": {
            "ok": "none",
            "error": "bool"
          }
        }
      }
    },
    {
      "name": "pub-f04",
      "access": "public",
      "args": [],
      "outputs": {
        "type": {
          "response": {
            "ok": "int128",
            "error": "int128"
          }
        }
      }
    },
    {
      "name": "pub-f05",
      "access": "public",
      "args": [
        {
          "name": "a1",
          "type": "int128"
        }
      ],
      "outputs": {
        "type": {
          "response": {
            "ok": "bool",
            "error": "none"
          }
        }
      }
    },
    {
      "name": "ro-f01",
      "access": "read_only",
      "args": [],
      "outputs": {
        "type": "int128"
      }
    },
    {
      "name": "ro-f02",
      "access": "read_only",
      "args": [
        {
          "name": "a1",
          "type": "int128"
        }
      ],
      "outputs": {
        "type": "int128"
      }
    }
  ],
  "maps": [
    {
      "name": "map1",
      "key": {
        "tuple": [
          {
            "name": "name",
            "type": "int128"
          }
        ]
      },
      "value": {
        "tuple": [
          {
            "name": "owner",
            "type": "principal"
          }
        ]
      }
    },
    {
      "name": "map2",
      "key": {
        "tuple": [
          {
            "name": "k-name-1",
            "type": "bool"
          }
        ]
      },
      "value": {
        "tuple": [
          {
            "name": "v-name-1",
            "type": {
              "buffer": {
                "length": 33
              }
            }
          }
        ]
      }
    },
    {
      "name": "map3",
      "key": {
        "tuple": [
          {
            "name": "k-name-2",
            "type": "bool"
          }
        ]
      },
      "value": {
        "tuple": [
          {
            "name": "v-name-2",
            "type": {
              "tuple": [
                {
                  "name": "n1",
                  "type": "int128"
                },
                {
                  "name": "n2",
                  "type": "bool"
                }
              ]
            }
          }
        ]
      }
    }
  ],
  "variables": [
    {
      "name": "var1",
      "access": "constant",
      "type": "principal"
    },
    {
      "name": "var2",
      "access": "constant",
      "type": "bool"
    },
    {
      "name": "var3",
      "access": "constant",
      "type": "int128"
    },
    {
      "name": "d-var1",
      "access": "variable",
      "type": "bool"
    },
    {
      "name": "d-var2",
      "access": "variable",
      "type": "int128"
    },
    {
      "name": "d-var3",
      "access": "variable",
      "type": {
        "buffer": {
          "length": 5
        }
      }
    }
  ],
  "fungible_tokens": [],
  "non_fungible_tokens": [],
  "epoch": "Epoch33",
  "clarity_version": "Clarity4"
};

describe('contract interface builder', () => {
  it('builds the reference interface of the interface test contract', () => {
    const ast = buildAst(INTERFACE_TEST_CONTRACT, { epoch: '3.3', clarityVersion: 4, sortDefinitions });
    const analysis = analyzeContract(ast, { clarityVersion: 4, epoch: '3.3' });
    const ci = buildContractInterface(analysis);
    expect(ci).toBeDefined();
    expect(JSON.parse(contractInterfaceToJson(ci!))).toEqual(EXPECTED);
    // serde order of the top-level fields
    expect(Object.keys(ci!)).toEqual([
      'functions',
      'variables',
      'maps',
      'fungible_tokens',
      'non_fungible_tokens',
      'epoch',
      'clarity_version',
    ]);
  });

  it('uses trait_reference for trait arguments', () => {
    const ast = buildAst('(define-trait t ((f () (response uint uint)))) (define-public (g (x <t>)) (ok u1))', {
      epoch: '3.3',
      clarityVersion: 4,
      sortDefinitions,
    });
    const ci = buildContractInterface(analyzeContract(ast, { clarityVersion: 4, epoch: '3.3' }))!;
    expect(ci.functions[0]!.args[0]!.type).toBe('trait_reference');
    expect(ci.functions[0]!.outputs.type).toEqual({ response: { ok: 'uint128', error: 'none' } });
  });
});
