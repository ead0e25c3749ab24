/**
 * The report of one gemeente as CSV for Dutch Excel (rapportage.csv.ts): the same use case,
 * the same period parameters and the same suppression as the page.
 */
import type { APIRoute } from 'astro';
import { reportDownload } from '~/server/rapportage/rapportage.http';

export const prerender = false;

export const GET: APIRoute = (context) => reportDownload(context, 'csv');
