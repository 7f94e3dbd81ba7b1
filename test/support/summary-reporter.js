// Ends a Jest run with one plain line, "tests: N passed, N failed, N skipped", that CI systems which
// do not parse Jest's own summary can read. (Plain JavaScript: Jest loads reporters untransformed.)
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

module.exports = SummaryReporter;
