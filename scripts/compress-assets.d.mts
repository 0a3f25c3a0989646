/** Types for compress-assets.mjs, which the editor app's vite config imports. */
export declare function compressAssets(dir: string): { compressed: number; kept: number };
