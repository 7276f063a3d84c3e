import { listDataSchema } from '../paging.js';
import { defineRpc } from '../rpc.js';
import { Subjects } from '../subjects.js';
import { BackupSummarySchema } from './backup.js';
import { RestoreResultSchema, VerifyResultSchema } from './restore.js';
import {
  BackupCreateRequestSchema,
  BackupGetRequestSchema,
  BackupListRequestSchema,
  BackupRestoreRequestSchema,
  BackupVerifyRequestSchema,
} from './requests.js';

const s = Subjects.backup;

/** The request/reply contracts backup serves. It changes the cluster only through the deployer. */
export const BackupRpc = {
  create: defineRpc({ subject: s.create, request: BackupCreateRequestSchema, data: BackupSummarySchema }),
  list: defineRpc({
    subject: s.list,
    request: BackupListRequestSchema,
    data: listDataSchema(BackupSummarySchema),
  }),
  get: defineRpc({ subject: s.get, request: BackupGetRequestSchema, data: BackupSummarySchema }),
  verify: defineRpc({ subject: s.verify, request: BackupVerifyRequestSchema, data: VerifyResultSchema }),
  restore: defineRpc({ subject: s.restore, request: BackupRestoreRequestSchema, data: RestoreResultSchema }),
} as const;
