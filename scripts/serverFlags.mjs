// The Node.js flags Hearth's server runs with: `npm start` passes them (package.json, checked
// by test/architecture/bundle.test.ts), and so does every node the tests and benchmarks start
// (test/helpers/spawnNode.ts).
//
// A young generation of 32 MB (the default is 16). A busy node allocates for every change to
// a room; with the default, much of it lived just long enough to be promoted, the old
// generation filled, and collecting it held the event loop for 150–250 ms. With 32 MB the
// busiest live benchmark's p99 went from 220–460 ms to 10–21 ms (docs/PERFORMANCE.md).
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
