/**
 * The photos module's public face: a record that needs photos (proof of a delivery, a failed inspection item,
 * a signature) takes ids the phone uploaded through `POST /api/photos` and binds them in its own transaction;
 * its answers list them with `photosOf`; a purge of such records drops theirs with `dropPhotos`.
 */
export { bindPhotos } from './service';
export { dropPhotos, photosOf } from './repo';
/** The permission that reads a kind of record, required to see its photos too. */
export { registerPhotoReader } from './readers';
