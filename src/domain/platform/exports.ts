import { z } from 'zod';
import { plainText } from '../primitives';

/**
 * An export of personal data is a POST that states its purpose (issue 14, point 10): the purpose is audited with
 * the export and stamped inside the file with who, when and the request id, so a sheet forwarded in a chat group
 * still says where it came from and why.
 */
export const EXPORT_PURPOSE_MIN = 4;
export const exportPurposeBody = z.strictObject({ purpose: plainText(200).min(EXPORT_PURPOSE_MIN) });
