export * from './harness.js';
export { natsTest } from './nats-test.js';
export { natsPgTest, pgTest } from './pg-test.js';
