import type { InventoryReader } from '../adapters/inventory-reader.js';

/** What every read handler needs: the reader over PostgreSQL. Reads never reach Docker. */
export interface ReadHandlerDeps {
  reader: InventoryReader;
}
