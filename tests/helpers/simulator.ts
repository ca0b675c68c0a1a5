/** The simulator helpers of the tests live with the scripts that also use them (scripts never import tests). */
export * from "../../scripts/lib/testSimulator";
