/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The address people use (PUBLIC_URL at run time), set by the middleware for pages rendered per request. */
    siteUrl?: URL;
  }
}
