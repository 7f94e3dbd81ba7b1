/** Two projects: fast unit tests, and end-to-end tests that drive real binaries. */
const transform = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };

module.exports = {
  // A worker per core (Jest's default leaves one idle): an e2e file mostly waits on the tools it drives, and
  // each has its own emulator, scratch directories and Pulumi backend; what they share, the setup wrote first.
  maxWorkers: "100%",
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/test/unit/**/*.test.ts"],
    },
    {
      displayName: "e2e",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/test/e2e/timeouts.ts"],
      globalSetup: "<rootDir>/test/e2e/global-setup.ts",
      globalTeardown: "<rootDir>/test/e2e/global-teardown.ts",
      slowTestThreshold: 120,
    },
  ],
};
