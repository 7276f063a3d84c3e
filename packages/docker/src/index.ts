export { createDockerClient, DEFAULT_DOCKER_TIMEOUT_MS, type DockerClientOptions } from './client.js';
export { DEFAULT_DOCKER_HOST, parseDockerHost, type DockerEndpoint } from './docker-host.js';
export { eventKey, parseDockerEvent, type DockerEvent } from './docker-event.js';
export { EventDeduper } from './event-dedupe.js';
export { resumeSince, toDockerTimestamp, toNanos } from './event-since.js';
export { NdjsonLineSplitter } from './ndjson-lines.js';
export { watchDockerEvents, type DockerEventWatch, type WatchDockerEventsOptions } from './event-watcher.js';
