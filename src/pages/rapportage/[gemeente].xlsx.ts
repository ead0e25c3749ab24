/** The report of one gemeente as an Excel workbook (rapportage.xlsx.ts); same use case and suppression as the page. */
import type { APIRoute } from 'astro';
import { reportDownload } from '~/server/rapportage/rapportage.http';

export const prerender = false;

export const GET: APIRoute = (context) => reportDownload(context, 'xlsx');
