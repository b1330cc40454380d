import type { Plugin } from "esbuild";

/** The esbuild plugin that puts the dashboard's assets into the bundle (see the .mjs). */
export declare const dashboardAssets: Plugin;
