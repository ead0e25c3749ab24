import { z } from 'zod';
import { defineEmailTemplate, portalPath } from './template';

/** A plain message: for tests, demo content and one-off notices. Never put case details in it. */
export const generic = defineEmailTemplate({
  audience: 'public',
  needsGemeente: false,
  data: z.object({
    subject: z.string().trim().min(1).max(150),
    heading: z.string().trim().min(1).max(150),
    paragraphs: z.array(z.string().trim().min(1).max(2000)).min(1).max(20),
    action: z.object({ label: z.string().trim().min(1).max(80), path: portalPath }).optional(),
  }),
  render: (data, { url }) => ({
    subject: data.subject,
    heading: data.heading,
    blocks: [
      ...data.paragraphs.map((text) => ({ type: 'paragraph' as const, text })),
      ...(data.action ? [{ type: 'button' as const, label: data.action.label, url: url(data.action.path) }] : []),
    ],
  }),
});
