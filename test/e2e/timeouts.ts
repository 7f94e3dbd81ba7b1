// End-to-end tests drive real engines that build and launch plugins: minutes, not seconds.
jest.setTimeout(10 * 60 * 1000);
