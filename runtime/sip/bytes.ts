/** Former name of buffer-view.ts, kept only until every importer has moved to './buffer-view.js'. */
export { asBuffer } from './buffer-view.js';
