// The Node.js flags Hearth's server runs with: `npm start` passes them (package.json, checked
// by test/architecture/bundle.test.ts), and so does every node the tests and benchmarks start
// (test/helpers/spawnNode.ts).
//
// A young generation of 16 MB, set rather than left to Node's default (decision 019). Under
// the busiest live benchmark every room's state lives until its next change, about a second,
// so what is current is promoted whatever the size; the size only trades how long each
// collection holds the event loop against how often. At 32 MB a scavenge held it for a median
// of 14 ms (up to 44); at 16 MB, 7 ms (up to 23), as often in all (docs/PERFORMANCE.md).
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=16'];
