import fc from "fast-check";
import { evaluateSimpleFormula } from "../../../src/core/import/formula";

describe("evaluateSimpleFormula", () => {
  // Column F (5) = 3, G (6) = 2.5, anything else = its 0-based row.
  const read = (r: number, c: number): number | null => (c === 5 ? 3 : c === 6 ? 2.5 : c === 9 ? null : r);

  it("computes the formulas clerks write for amounts and totals", () => {
    expect([
      evaluateSimpleFormula("=F4*G4", read),
      evaluateSimpleFormula("=F4-G4", read),
      evaluateSimpleFormula("=SUM(A1:A4)", read),
      evaluateSimpleFormula("=ROUND(F4*G4*1.13,2)", read),
      evaluateSimpleFormula("=-F4+(G4)/2", read),
      evaluateSimpleFormula("=$F$4*G4*90%", read),
      evaluateSimpleFormula("=SUM(F1:G2)", read),
    ]).toEqual([7.5, 0.5, 6, 8.48, -1.75, 6.75, 11]);
  });

  it("refuses anything not simple: other sheets, lookups, text, division by zero, non-numbers", () => {
    expect([
      evaluateSimpleFormula("=VLOOKUP(A1,B:C,2,0)", read),
      evaluateSimpleFormula("=Sheet2!A1", read),
      evaluateSimpleFormula('="a"&B1', read),
      evaluateSimpleFormula("=F4/0", read),
      evaluateSimpleFormula("=J4*2", read),
      evaluateSimpleFormula("=F4*", read),
      evaluateSimpleFormula("=", read),
    ]).toEqual([null, null, null, null, null, null, null]);
  });

  it("agrees with arithmetic for a product of two cells", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e4, max: 1e4 }), (a, b) => {
        const r = (_row: number, c: number): number => (c === 0 ? a : b);
        return evaluateSimpleFormula("=A1*B1", r) === a * b && evaluateSimpleFormula("=SUM(A1,B1)", r) === a + b;
      }),
      { numRuns: 200 },
    );
  });
});
