import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../conformance/cases.ts';
import { analyzeBootContracts, staticAgreement } from '../../conformance/static-check-agreement.ts';
import { loadBootContracts } from '../../conformance/boot-sources.ts';

// The boot contracts (from the installed oracle SDK, see boot-sources.ts) are analysed first, as
// the batch runner deploys them at genesis.
const boot = analyzeBootContracts(await loadBootContracts());

// Parse + analysis over every corpus case (test/conformance): each golden `static` answer must be
// reproduced, and no `ok`/`runtime` case may be rejected by the analysis (a false static error
// would break a working contract). Parser-stage rejections are the parser's own tests' business.
describe('static analysis against the conformance corpus', () => {
  for (const family of FAMILIES) {
    it(family, () => {
      const r = staticAgreement(family, boot);
      expect(r.crashes).toEqual([]);
      // The definition sorter's CircularReference is a parse-stage error, but it is ours.
      const analysisFalse = r.falseStatic.filter((f) => f.stage === 'check' || f.code === 'CircularReference');
      expect(analysisFalse).toEqual([]);
      expect(r.missed).toEqual([]);
    });
  }
});

