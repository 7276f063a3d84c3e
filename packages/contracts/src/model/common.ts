import { z } from 'zod';

/** Docker object labels: string keys to string values. */
export const LabelsSchema = z.record(z.string(), z.string());

/** A Docker object id (hex, 12 to 64 characters for engine ids; swarm ids are 25 alphanumerics). */
export const DockerIdSchema = z.string().regex(/^[a-z0-9]{12,64}$/, 'expected a Docker object id');

/** An ISO-8601 timestamp with offset. */
export const TimestampSchema = z.iso.datetime({ offset: true });
